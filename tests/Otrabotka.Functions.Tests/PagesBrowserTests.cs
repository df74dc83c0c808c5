using System.Text.Json;
using Microsoft.Playwright;

namespace Otrabotka.Functions.Tests;

/// <summary>The graduate, employer and public pages in Chromium against the local host on Azurite.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class PagesBrowserTests(LocalHostFixture host)
{
    private static readonly LocatorWaitForOptions Visible = new() { State = WaitForSelectorState.Visible, Timeout = 30_000 };
    private readonly Api api = new(host);

    [Fact]
    public async Task A_graduate_uploads_a_pdf_the_employer_confirms_from_the_mail_and_the_card_shows_the_credit_and_its_evidence()
    {
        var (_, iin, _) = await api.RegisterAsync("rural-quota", "pedagogical");
        var employer = $"director-{Guid.NewGuid():N}@school.example.kz";
        await using var browser = await Browser.LaunchAsync(nameof(A_graduate_uploads_a_pdf_the_employer_confirms_from_the_mail_and_the_card_shows_the_credit_and_its_evidence));
        var page = await browser.PageAsync();

        await SignInAsync(page, iin);
        // The name and the obligation arrive from two requests: wait for each rather than read at once.
        await Assertions.Expect(page.Locator("#who")).ToHaveTextAsync("Айгерім Сапарова");
        await Assertions.Expect(page.Locator("#ob-credited")).ToHaveTextAsync("0 days");
        await browser.ShotAsync(page, "signed-in");

        await FillEmploymentAsync(page, employer);
        await page.SetInputFilesAsync("#file", new FilePayload { Name = "contract.pdf", MimeType = "application/pdf", Buffer = Api.Pdf() });
        await page.ClickAsync("#upload-submit");
        var item = page.Locator("#documents > li[data-status='awaiting-employer']");
        await item.WaitForAsync(Visible);
        Assert.Contains("Awaiting the employer", await item.TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("The employer must confirm", await item.Locator(".next").TextContentAsync(), StringComparison.Ordinal);
        await browser.ShotAsync(page, "awaiting-employer");

        // The employer's e-mail, in the development mail viewer: its link opens the employer page in the top window.
        Assert.True(await LocalHostFixture.Eventually(() => Task.FromResult(host.Mail.Newest(employer).Count > 0), TimeSpan.FromSeconds(30)), "no e-mail reached the employer");
        var employerPage = await browser.PageAsync("ru-RU");
        await employerPage.GotoAsync($"{host.BaseUrl}/dev/mail/view?to={Uri.EscapeDataString(employer)}");
        var frame = employerPage.Locator("iframe.mail").First;
        Assert.True(await frame.EvaluateAsync<bool>("f => f.getBoundingClientRect().height >= f.contentDocument.documentElement.scrollHeight"), "the message is cropped");
        await browser.ShotAsync(employerPage, "mail-viewer");
        await employerPage.Locator("iframe.mail").First.ContentFrame.Locator("a[href*='/confirm#t=']").First.ClickAsync();
        await employerPage.WaitForURLAsync("**/confirm#t=*");
        await employerPage.Locator("#details").WaitForAsync(Visible);
        Assert.Equal("Айгерім Сапарова", await employerPage.Locator("#graduate").TextContentAsync());
        Assert.Equal("Акмолинская область", await employerPage.Locator("#region").TextContentAsync());
        await employerPage.FillAsync("#name", "Бақыт Омаров");
        await employerPage.FillAsync("#role", "Директор");
        await browser.ShotAsync(employerPage, "employer-page");
        await employerPage.ClickAsync("#confirm");
        await employerPage.Locator("#status").Filter(new() { HasText = "Спасибо" }).WaitForAsync(Visible);
        await browser.ShotAsync(employerPage, "employer-confirmed");

        // Back on the graduate's page, without reloading: the status and the card move by themselves.
        var accepted = page.Locator("#documents > li[data-status='accepted']");
        await accepted.WaitForAsync(Visible);
        var documentId = (await accepted.GetAttributeAsync("id"))!["doc-".Length..];
        await page.Locator("#ob-credited").Filter(new() { HasNotText = "0 days" }).WaitForAsync(Visible);
        var credited = await api.JsonAsync(HttpMethod.Get, "/api/me/obligation", host.Token("graduate", iin));
        Assert.Equal($"{credited["creditedDays"]!.GetValue<int>():N0} days".Replace(",", "", StringComparison.Ordinal), (await page.Locator("#ob-credited").TextContentAsync())!.Replace(",", "", StringComparison.Ordinal));
        var period = page.Locator("#timeline > li").First;
        Assert.Contains("Employment", await period.TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("Counts towards the obligation", await period.TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal($"#doc-{documentId}", await period.Locator(".evidence a").GetAttributeAsync("href"));
        Assert.Contains("Employment confirmation", await period.Locator(".evidence a").TextContentAsync(), StringComparison.Ordinal);
        Assert.True(await page.Locator("#ob-progress").EvaluateAsync<double>("p => p.value") > 0);
        await browser.ShotAsync(page, "credited");
    }

    [Fact]
    public async Task A_large_file_goes_straight_to_blob_storage_through_the_sas_route_with_progress()
    {
        var (_, iin, _) = await api.RegisterAsync("rural-quota", "pedagogical");
        await using var browser = await Browser.LaunchAsync(nameof(A_large_file_goes_straight_to_blob_storage_through_the_sas_route_with_progress));
        var page = await browser.PageAsync(size: Browser.Phone);
        var blobPuts = new List<string>();
        var progress = new List<double>();
        page.Request += (_, request) =>
        {
            if (request.Method == "PUT" && request.Url.StartsWith(host.Storage.Blobs.Uri.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal))
            {
                blobPuts.Add(request.Url);
            }
        };
        await SignInAsync(page, iin);
        await FillEmploymentAsync(page, $"hr-{Guid.NewGuid():N}@school.example.kz");
        var pdf = SamplePdfs.Large();
        Assert.True(pdf.Length > 5 * 1024 * 1024, $"the large PDF is only {pdf.Length} bytes");
        await page.SetInputFilesAsync("#file", new FilePayload { Name = "scan.pdf", MimeType = "application/pdf", Buffer = pdf });
        // Records every value the page gives the progress bar.
        await page.EvaluateAsync("() => { const bar = document.getElementById('upload-progress'); window.__seen = []; const d = Object.getOwnPropertyDescriptor(HTMLProgressElement.prototype, 'value'); Object.defineProperty(bar, 'value', { get() { return d.get.call(this); }, set(v) { window.__seen.push(v); d.set.call(this, v); } }); }");
        // A real network's pace (3 MB/s up), so the upload takes seconds and reports its progress as it goes.
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Network.enable");
        await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object> { ["offline"] = false, ["latency"] = 20, ["downloadThroughput"] = -1, ["uploadThroughput"] = 3 * 1024 * 1024 });
        await page.ClickAsync("#upload-submit");
        await page.Locator("#upload-progress-box").WaitForAsync(Visible);
        await browser.ShotAsync(page, "large-upload-progress");
        await page.Locator("#documents > li[data-status='awaiting-employer']").WaitForAsync(Visible);
        await browser.ShotAsync(page, "large-upload-done");

        Assert.Single(blobPuts);
        Assert.Contains("/intake/", blobPuts[0], StringComparison.Ordinal);
        Assert.Contains("sig=", blobPuts[0], StringComparison.Ordinal);
        progress.AddRange((await page.EvaluateAsync<JsonElement>("() => window.__seen")).EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(100, progress.Max());
        Assert.Contains(progress, p => p is > 0 and < 100);
        Assert.Equal(100, await page.Locator("#upload-progress").EvaluateAsync<double>("p => p.value"));
    }

    [Fact]
    public async Task The_pre_check_refuses_a_rural_quota_graduate_in_a_city_and_says_why()
    {
        await using var browser = await Browser.LaunchAsync(nameof(The_pre_check_refuses_a_rural_quota_graduate_in_a_city_and_says_why));
        var page = await browser.PageAsync(size: Browser.Phone);
        await page.GotoAsync($"{host.BaseUrl}/check");
        await page.Locator("#kind-education").WaitForAsync(Visible);
        await page.SelectOptionAsync("#category", "rural-quota");
        await page.SelectOptionAsync("#level", "bachelor");
        await page.SelectOptionAsync("#specialtyGroup", "pedagogical");
        await page.CheckAsync("#kind-education");
        await page.SelectOptionAsync("#ownership", "state");
        await page.SelectOptionAsync("#region", "astana");
        await page.SelectOptionAsync("#settlementType", "city");
        await page.ClickAsync("#check-submit");
        await page.Locator("#result").WaitForAsync(Visible);
        Assert.Equal("This job does not count towards the obligation.", await page.Locator("#verdict").TextContentAsync());
        var reason = page.Locator("#reasons li[data-code='workplace-not-rural']");
        Assert.Contains("Under the rural quota the work must be in a rural settlement.", await reason.TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("Law of the Republic of Kazakhstan on Education, art. 47(17)", await reason.TextContentAsync(), StringComparison.Ordinal);
        await browser.ShotAsync(page, "refused-in-a-city");

        await page.ClickAsync(".langs button[data-lang='kk']");
        await page.Locator("#verdict").Filter(new() { HasText = "есептелмейді" }).WaitForAsync(Visible);
        Assert.Contains("ауылдық", await page.Locator("#reasons li[data-code='workplace-not-rural']").TextContentAsync(), StringComparison.Ordinal);

        await page.SelectOptionAsync("#settlementType", "village");
        await page.ClickAsync("#check-submit");
        await page.Locator("#verdict.yes").WaitForAsync(Visible);
        await browser.ShotAsync(page, "counts-in-a-village");
    }

    [Fact]
    public async Task The_language_switch_changes_every_visible_text_on_every_page()
    {
        var (_, iin, _) = await api.RegisterAsync("rural-quota", "pedagogical");
        await using var browser = await Browser.LaunchAsync(nameof(The_language_switch_changes_every_visible_text_on_every_page));
        var page = await browser.PageAsync("kk-KZ");

        // Official names that are the same in two languages (e.g. «Серпін», Бакалавриат) may stay.
        var sameNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var list in JsonDocument.Parse(await host.Client.GetStringAsync("/api/enumerations")).RootElement.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Array))
        {
            foreach (var name in list.Value.EnumerateArray().Select(v => v.GetProperty("name")))
            {
                var (kk, ru, en) = (name.GetProperty("kk").GetString()!, name.GetProperty("ru").GetString()!, name.GetProperty("en").GetString()!);
                if (kk == ru || kk == en)
                {
                    sameNames.Add(kk);
                }
            }
        }

        var catalog = new Dictionary<string, Dictionary<string, string>>();
        foreach (var lang in new[] { "kk", "ru", "en" })
        {
            catalog[lang] = JsonSerializer.Deserialize<Dictionary<string, string>>(await host.Client.GetStringAsync($"/assets/pages.{lang}.json"))!;
            foreach (var (key, text) in JsonSerializer.Deserialize<Dictionary<string, string>>(await host.Client.GetStringAsync($"/assets/employer-page.{lang}.json"))!)
            {
                catalog[lang][key] = text;
            }
        }

        async Task<IReadOnlyList<string>> Lines() => (await page.EvaluateAsync<string>("() => document.body.innerText"))
            .Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

        foreach (var path in new[] { "/", "/check", "/confirm", "/graduate" })
        {
            if (path == "/graduate")
            {
                await SignInAsync(page, iin);
            }
            else
            {
                await page.GotoAsync(host.BaseUrl + path);
            }

            await page.Locator("footer.site").Filter(new() { HasText = "Қаржы орталығы" }).WaitForAsync(Visible);
            var before = await Lines();
            foreach (var lang in new[] { "ru", "en" })
            {
                await page.ClickAsync($".langs button[data-lang='{lang}']");
                await page.WaitForFunctionAsync($"() => document.documentElement.lang === '{lang}'");
                await page.WaitForTimeoutAsync(300);
                await browser.ShotAsync(page, $"{path.Trim('/') switch { "" => "home", var p => p }}-{lang}");

                // Every text from the catalog shows in the chosen language; no key shows raw.
                foreach (var element in await page.Locator("[data-t]:visible").AllAsync())
                {
                    var key = (await element.GetAttributeAsync("data-t"))!;
                    Assert.Equal(catalog[lang][key], await element.TextContentAsync());
                }

                // And no visible line stayed as it was in Kazakh, but those the same in every language.
                var after = await Lines();
                var unchanged = after.Intersect(before).Where(line => !Invariant(line) && !sameNames.Contains(line)).ToList();
                Assert.True(unchanged.Count == 0, $"{path} in {lang}: unchanged: {string.Join(" | ", unchanged)}");
            }

            await page.ClickAsync(".langs button[data-lang='kk']");
            await page.WaitForFunctionAsync("() => document.documentElement.lang === 'kk'");
        }
    }

    [Fact]
    public async Task Every_page_passes_the_accessibility_check_at_phone_and_desktop_size()
    {
        var (_, iin, _) = await api.RegisterAsync("rural-quota", "pedagogical");
        var employer = $"hr-{Guid.NewGuid():N}@school.example.kz";
        var token = host.Token("graduate", iin);
        await api.SubmitAsync(token, "employment-confirmation", Api.Employment("education", "akmola", "village", email: employer), Api.Pdf());
        var rejected = await api.SubmitAsync(token, "employment-confirmation", Api.Employment("education", "astana", "city", email: employer), Api.Pdf());
        await api.SettledAsync(token, rejected);
        var link = await api.EmployerTokenAsync(employer);
        await using var browser = await Browser.LaunchAsync(nameof(Every_page_passes_the_accessibility_check_at_phone_and_desktop_size));
        foreach (var (size, label) in new[] { (Browser.Phone, "phone"), (Browser.Desktop, "desktop") })
        {
            var page = await browser.PageAsync("ru-RU", size);
            foreach (var (path, ready) in new[] { ("/", ".cards a"), ("/check", "#kind-education"), ("/graduate", "#signin-button"), ($"/confirm#t={link}", "#details") })
            {
                await page.GotoAsync(host.BaseUrl + path);
                await page.Locator(ready).First.WaitForAsync(Visible);
                await browser.ShotAsync(page, $"{label}-{path.Split('#')[0].Trim('/') switch { "" => "home", var p => p }}");
                await Browser.AssertAccessibleAsync(page, $"{path} ({label})");
            }

            await page.GotoAsync($"{host.BaseUrl}/check");
            await page.Locator("#kind-education").WaitForAsync(Visible);
            await page.CheckAsync("#kind-education");
            await page.ClickAsync("#check-submit");
            await page.Locator("#result").WaitForAsync(Visible);
            await Browser.AssertAccessibleAsync(page, $"/check with a verdict ({label})");

            await SignInAsync(page, iin);
            await page.Locator("#documents > li[data-status='rejected'] form.contest").WaitForAsync(Visible);
            await browser.ShotAsync(page, $"{label}-graduate-signed-in");
            await Browser.AssertAccessibleAsync(page, $"/graduate signed in ({label})");
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Signing_out_an_expired_session_and_a_refused_sign_in_each_say_so()
    {
        var (_, iin, _) = await api.RegisterAsync("rural-quota", "pedagogical");
        await using var browser = await Browser.LaunchAsync(nameof(Signing_out_an_expired_session_and_a_refused_sign_in_each_say_so));
        var page = await browser.PageAsync();

        await SignInAsync(page, iin);
        await page.ClickAsync("#signout");
        await page.Locator("#auth-msg").Filter(new() { HasText = "You have signed out." }).WaitForAsync(Visible);
        Assert.True(await page.Locator("#account").IsHiddenAsync());
        await browser.ShotAsync(page, "signed-out");

        await page.GotoAsync($"{host.BaseUrl}/graduate?error=access_denied&state=x");
        await page.Locator("#auth-msg").Filter(new() { HasText = "Sign-in was refused." }).WaitForAsync(Visible);
        Assert.Equal("/graduate", new Uri(page.Url).AbsolutePath + new Uri(page.Url).Query);
        await browser.ShotAsync(page, "refused");

        // A session whose token has run out: the page says so instead of failing quietly.
        var settings = host.Service<Microsoft.Extensions.Options.IOptions<Otrabotka.Functions.Configuration.AuthSettings>>().Value;
        // Long enough for the page to sign in under load (2 s ran out before the first answer on a busy machine).
        var shortLived = Otrabotka.Functions.Http.Authenticator.MintDevelopmentToken(settings, host.Clock, "graduate", iin, TimeSpan.FromSeconds(8));
        await page.GotoAsync($"{host.BaseUrl}/graduate");
        await page.FillAsync("#dev-token", shortLived);
        await page.ClickAsync("#dev-token-submit");
        await page.Locator("#account").WaitForAsync(Visible);
        await page.WaitForTimeoutAsync(8500);
        await page.ReloadAsync();
        await page.Locator("#auth-msg").Filter(new() { HasText = "Your session has expired." }).WaitForAsync(Visible);
        Assert.True(await page.Locator("#account").IsHiddenAsync());
        await browser.ShotAsync(page, "expired");
    }

    private static bool Invariant(string line) =>
        line is "Қаз" or "Рус" or "Eng" || line.Contains('@', StringComparison.Ordinal) || line.Contains("t.me/", StringComparison.Ordinal)
        || line.All(c => !char.IsLetter(c)) || line == "Айгерім Сапарова";

    private async Task SignInAsync(IPage page, string iin)
    {
        await page.GotoAsync($"{host.BaseUrl}/graduate");
        await page.Locator("#signin-button").WaitForAsync(Visible);
        using var discovery = await host.Client.GetAsync("/dev/oidc/.well-known/openid-configuration");
        if (discovery.IsSuccessStatusCode)
        {
            await page.ClickAsync("#signin-button");
            // The stand-in's page lists registered graduates from storage: on a loaded machine its "load" event may come
            // late, so the sign-in waits for the address and the field, not for every resource.
            await page.WaitForURLAsync("**/dev/oidc/authorize**", new() { WaitUntil = WaitUntilState.Commit, Timeout = 60_000 });
            await page.Locator("#iin").WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 60_000 });
            await page.FillAsync("#iin", iin);
            await page.ClickAsync("button[value='sign-in']");
        }
        else
        {
            await page.FillAsync("#dev-token", host.Token("graduate", iin));
            await page.ClickAsync("#dev-token-submit");
        }

        await page.Locator("#account").WaitForAsync(Visible);
    }

    private static async Task FillEmploymentAsync(IPage page, string employerEmail)
    {
        await page.SelectOptionAsync("#kind", "employment-confirmation");
        await page.FillAsync("#ec-employerBin", Api.ValidBin());
        await page.FillAsync("#ec-employerName", "Ақсу мектебі");
        await page.FillAsync("#ec-employerEmail", employerEmail);
        await page.FillAsync("#ec-position", "мұғалім");
        await page.FillAsync("#ec-startDate", "2025-09-01");
        await page.SelectOptionAsync("#ec-ownership", "state");
        await page.SelectOptionAsync("#ec-region", "akmola");
        await page.SelectOptionAsync("#ec-settlementType", "village");
        await page.CheckAsync("#ec-kind-education");
    }
}
