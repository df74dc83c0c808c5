using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Otrabotka.Functions.Tests.OperatorPages;

namespace Otrabotka.Functions.Tests;

/// <summary>The operators' pages (issue 15) in Chromium against the local host on Azurite, signed in through the OIDC stand-in.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class OperatorPagesBrowserTests(LocalHostFixture host)
{
    private readonly Api api = new(host);

    [Fact]
    public async Task An_operator_approves_an_exemption_from_the_queue_with_the_preview_open()
    {
        var (_, _, token) = await api.RegisterAsync("rural-quota", "pedagogical");
        var id = await api.SubmitAsync(token, "exemption-proof", new { ground = "further-study", commissionDecisionDate = "2025-07-01", studyLevel = "master", enrolmentDate = "2025-08-25" }, Api.Pdf(pages: 2));
        Assert.Equal("awaiting-review", (await api.SettledAsync(token, id))["status"]!.GetValue<string>());
        await using var browser = await Browser.LaunchAsync(nameof(An_operator_approves_an_exemption_from_the_queue_with_the_preview_open));
        var page = await browser.PageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };

        await SignInAsync(page, host, "/operator");
        Assert.Equal("operator-1", await page.Locator("#who").TextContentAsync());
        await page.SelectOptionAsync("#f-kind", "exemption-proof");
        await page.ClickAsync("#filter-submit");
        await page.Locator("#queue[data-query='kind=exemption-proof']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var row = await RowAsync(page, $"#q-{id}", "#queue-more");
        Assert.Contains("Exemption", await row.TextContentAsync(), StringComparison.Ordinal);
        await browser.ShotAsync(page, "queue");

        await row.Locator("button").ClickAsync();
        await page.Locator("#pdf-canvas[data-rendered='1']").WaitForAsync(Visible);
        Assert.Equal("Page 1 of 2", await page.Locator("#pdf-page").TextContentAsync());
        Assert.True(await page.Locator("#pdf-canvas").EvaluateAsync<bool>("c => c.width > 100 && c.height > 100"), "the canvas was not drawn");
        Assert.True(await page.Locator("#pdf-canvas").EvaluateAsync<bool>(
            "c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; for (let i = 0; i < d.length; i += 4) if (d[i] < 128) return true; return false; }"),
            "the PDF's page shows no dark pixel: nothing was drawn");
        await page.ClickAsync("#pdf-next");
        await page.Locator("#pdf-canvas[data-rendered='2']").WaitForAsync(Visible);
        Assert.StartsWith("Admitted to further study", await page.Locator("#rv-metadata dd").First.TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal("Rural quota", await page.Locator("#rv-category").TextContentAsync());
        Assert.NotEmpty((await page.Locator("#ob-required").TextContentAsync())!);
        await browser.ShotAsync(page, "review-with-preview");
        await Browser.AssertAccessibleAsync(page, "/operator with a document open");

        await page.FillAsync("#d-note", "Магистратураға қабылдау туралы бұйрық тексерілді.");
        await page.ClickAsync("#approve");
        await page.Locator("#decision-msg.ok").WaitForAsync(Visible);
        Assert.Equal(0, await page.Locator($"#q-{id}").CountAsync());
        await browser.ShotAsync(page, "approved");
        var mine = await api.JsonAsync(HttpMethod.Get, $"/api/me/documents/{id}", token);
        Assert.Equal("accepted", mine["status"]!.GetValue<string>());
        Assert.Equal("operator", mine["history"]!.AsArray().Last()!["actor"]!.GetValue<string>());
        Assert.DoesNotContain(errors, e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task An_operator_rejects_a_document_with_a_reason_and_the_graduate_sees_it_on_their_page()
    {
        var (_, iin, token) = await api.RegisterAsync("rural-quota", "pedagogical");
        var id = await api.SubmitAsync(token, "unemployment-registration", new { referralDate = "2025-08-20", registeredFrom = "2025-09-01" }, Api.Png(640, 480));
        Assert.Equal("awaiting-review", (await api.SettledAsync(token, id))["status"]!.GetValue<string>());
        await using var browser = await Browser.LaunchAsync(nameof(An_operator_rejects_a_document_with_a_reason_and_the_graduate_sees_it_on_their_page));
        var page = await browser.PageAsync();

        await SignInAsync(page, host, "/operator");
        await page.SelectOptionAsync("#f-kind", "unemployment-registration");
        await page.ClickAsync("#filter-submit");
        await page.Locator("#queue[data-query='kind=unemployment-registration']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await (await RowAsync(page, $"#q-{id}", "#queue-more")).Locator("button").ClickAsync();
        var image = page.Locator("#image-preview");
        await image.WaitForAsync(Visible);
        await page.WaitForFunctionAsync("() => { const i = document.getElementById('image-preview'); return i.complete && i.naturalWidth === 640; }");
        Assert.StartsWith(host.Storage.Blobs.Uri.GetLeftPart(UriPartial.Authority), await image.GetAttributeAsync("src"), StringComparison.Ordinal);

        // Rejecting needs a reason: the page says so before asking the API.
        await page.ClickAsync("#reject");
        await page.Locator("#decision-msg.bad").WaitForAsync(Visible);
        await page.SelectOptionAsync("#d-reason", "dates-mismatch");
        await page.FillAsync("#d-note", "The registration date on the certificate is 15.09.2025.");
        await browser.ShotAsync(page, "rejecting");
        await page.ClickAsync("#reject");
        await page.Locator("#decision-msg.ok").WaitForAsync(Visible);

        var graduate = await browser.PageAsync();
        await graduate.GotoAsync($"{host.BaseUrl}/graduate");
        await graduate.ClickAsync("#signin-button");
        await graduate.WaitForURLAsync("**/dev/oidc/authorize**", new() { WaitUntil = WaitUntilState.Commit, Timeout = 60_000 });
        await graduate.Locator("#iin").WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 60_000 });
        await graduate.FillAsync("#iin", iin);
        await graduate.ClickAsync("button[value='sign-in']");
        var rejected = graduate.Locator($"#doc-{id}[data-status='rejected']");
        await rejected.WaitForAsync(Visible);
        var text = await rejected.TextContentAsync();
        Assert.Contains("The dates in the document do not match the dates in the application.", text, StringComparison.Ordinal);

        // The operator's note as typed, introduced as the rejection e-mail introduces it.
        var note = Otrabotka.Functions.Texts.TextCatalog.Default.Format("mail.document-rejected.operator-note", Domain.Language.En, ("note", "The registration date on the certificate is 15.09.2025."));
        Assert.Equal(note, await rejected.Locator(".rejection-note").TextContentAsync());
        await browser.ShotAsync(graduate, "graduate-sees-the-reason");
    }

    [Fact]
    public async Task An_operator_opens_a_graduate_and_records_a_commissions_exemption_and_a_refused_one_says_why()
    {
        var (graduateId, iin, token) = await api.RegisterAsync("rural-quota", "pedagogical");
        await using var browser = await Browser.LaunchAsync(nameof(An_operator_opens_a_graduate_and_records_a_commissions_exemption_and_a_refused_one_says_why));
        var page = await browser.PageAsync();
        await SignInAsync(page, host, "/operator/graduates");
        await page.GotoAsync($"{host.BaseUrl}/operator/graduates?id={graduateId}");
        await page.Locator("#g-iin").Filter(new() { HasText = iin }).WaitForAsync(Visible);
        Assert.Equal("Rural quota", await page.Locator("#g-category").TextContentAsync());

        // Disability group 3 is not a ground: the API's reason shows in the page's language.
        await page.SelectOptionAsync("#x-ground", "disability-1-2");
        await page.FillAsync("#x-commissionDecisionDate", "2025-07-01");
        await page.FillAsync("#x-disabilityGroup", "3");
        await page.ClickAsync("#exemption-submit");
        await page.Locator("#exemption-msg.bad").WaitForAsync(Visible);
        await browser.ShotAsync(page, "exemption-refused");

        await page.SelectOptionAsync("#x-ground", "further-study");
        await page.FillAsync("#x-disabilityGroup", "");
        await page.SelectOptionAsync("#x-studyLevel", "master");
        await page.FillAsync("#x-enrolmentDate", "2025-08-25");
        await page.ClickAsync("#exemption-submit");
        await page.Locator("#exemption-msg.ok").WaitForAsync(Visible);
        await page.Locator("#ob-status").Filter(new() { HasText = "Exempt" }).WaitForAsync(Visible);
        await page.Locator("#g-docs tbody tr[data-status='accepted']").WaitForAsync(Visible);
        await browser.ShotAsync(page, "exemption-recorded");
        Assert.Equal("exempt", (await api.JsonAsync(HttpMethod.Get, "/api/me/obligation", token))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_language_switch_changes_every_text_of_the_operator_pages()
    {
        var (graduateId, _, _) = await api.RegisterAsync("rural-quota", "pedagogical");
        var catalog = new Dictionary<string, Dictionary<string, string>>();
        foreach (var lang in new[] { "kk", "ru", "en" })
        {
            catalog[lang] = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(await host.Client.GetStringAsync($"/assets/pages.{lang}.json"))!;
        }

        await using var browser = await Browser.LaunchAsync(nameof(The_language_switch_changes_every_text_of_the_operator_pages));
        var page = await browser.PageAsync("kk-KZ");
        await SignInAsync(page, host, "/operator");
        foreach (var path in new[] { "/operator", $"/operator/graduates?id={graduateId}", "/operator/import", "/operator/dashboard" })
        {
            await page.GotoAsync(host.BaseUrl + path);
            await page.Locator("#content").WaitForAsync(Visible);
            foreach (var lang in new[] { "ru", "en", "kk" })
            {
                await page.ClickAsync($".langs button[data-lang='{lang}']");
                await page.WaitForFunctionAsync($"() => document.documentElement.lang === '{lang}'");
                var shown = await page.Locator("[data-t]:visible").AllAsync();
                Assert.True(shown.Count > 10, $"{path}: only {shown.Count} texts");
                foreach (var element in shown)
                {
                    var key = (await element.GetAttributeAsync("data-t"))!;
                    Assert.Equal(catalog[lang][key], await element.TextContentAsync());
                }

                Assert.Equal(catalog[lang]["pages.op.role.operator"], await page.Locator("#who-role").TextContentAsync());
            }

            await browser.ShotAsync(page, $"{path.Split('?')[0].Trim('/').Replace('/', '-')}-kk");
        }
    }

    [Fact]
    public async Task Every_operator_page_passes_the_accessibility_check_at_phone_and_desktop_size()
    {
        var (graduateId, _, _) = await api.RegisterAsync("serpin", "technical");
        await using var browser = await Browser.LaunchAsync(nameof(Every_operator_page_passes_the_accessibility_check_at_phone_and_desktop_size));
        foreach (var (size, label) in new[] { (Browser.Phone, "phone"), (Browser.Desktop, "desktop") })
        {
            var page = await browser.PageAsync("ru-RU", size);
            await page.GotoAsync($"{host.BaseUrl}/operator");
            await page.Locator("#signin-button").WaitForAsync(Visible);
            await browser.ShotAsync(page, $"{label}-signin");
            await Browser.AssertAccessibleAsync(page, $"/operator signed out ({label})");
            await SignInAsync(page, host, "/operator");
            foreach (var (path, ready) in new[]
            {
                ("/operator", "#filters"), ($"/operator/graduates?id={graduateId}", "#g-facts dd"), ("/operator/import", "#import-form"),
                ("/operator/dashboard", "#export-defaulted"), ("/operator/audit", "#auth-msg"), // an operator is told the audit trail is not theirs
            })
            {
                await page.GotoAsync(host.BaseUrl + path);
                await page.Locator(ready).First.WaitForAsync(Visible);
                await page.WaitForTimeoutAsync(300);
                await browser.ShotAsync(page, $"{label}-{path.Split('?')[0].Trim('/').Replace('/', '-')}");
                await Browser.AssertAccessibleAsync(page, $"{path} ({label})");
            }

            await page.Context.CloseAsync();
        }
    }
}
