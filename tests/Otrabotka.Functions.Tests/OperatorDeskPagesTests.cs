using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Otrabotka.Functions.Tests.OperatorPages;

namespace Otrabotka.Functions.Tests;

/// <summary>The operator pages on the operator routes of issue 15: correction with history, search by name, audit trail.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class OperatorDeskPagesTests(LocalHostFixture host)
{
    private static readonly Dictionary<char, char> Folded = new() { ['ә'] = 'а', ['і'] = 'и', ['қ'] = 'к', ['ң'] = 'н', ['ғ'] = 'г', ['ө'] = 'о', ['ұ'] = 'у', ['ү'] = 'у', ['һ'] = 'х' };
    private readonly Api api = new(host);

    [Fact]
    public async Task An_operator_corrects_a_graduates_email_and_sees_the_history_entry()
    {
        var (graduateId, iin, _) = await api.RegisterAsync("rural-quota", "pedagogical");
        var old = $"{iin}@graduate.example.kz";
        var corrected = $"new-{iin}@mail.example.kz";
        await using var browser = await Browser.LaunchAsync(nameof(An_operator_corrects_a_graduates_email_and_sees_the_history_entry));
        var page = await browser.PageAsync();

        await SignInAsync(page, host, "/operator/graduates");
        await page.GotoAsync($"{host.BaseUrl}/operator/graduates?id={graduateId}");
        await page.Locator("#g-email").WaitForAsync(Visible);
        Assert.Equal(old, await page.Locator("#g-email").TextContentAsync());
        Assert.Equal(iin, await page.Locator("#g-iin").TextContentAsync());
        Assert.True(await page.Locator("#g-history-empty").IsVisibleAsync());

        await page.FillAsync("#c-email", corrected);
        await page.ClickAsync("#correct-submit");
        await page.Locator("#correct-msg.bad").WaitForAsync(Visible); // no reason yet: the page asks for one
        await page.FillAsync("#c-reason", "Университеттің 2026 жылғы 20 қарашадағы №12 хаты.");
        await page.ClickAsync("#correct-submit");
        await page.Locator("#correct-msg.ok").WaitForAsync(Visible);

        var entry = page.Locator("#g-history tbody tr[data-field='email']");
        await entry.WaitForAsync(Visible);
        Assert.Equal(old, await entry.Locator("td.old").TextContentAsync());
        Assert.Equal(corrected, await entry.Locator("td.new").TextContentAsync());
        Assert.Contains("operator-1", await entry.TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("№12", await entry.TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(corrected, await page.Locator("#g-email").TextContentAsync());
        await browser.ShotAsync(page, "corrected-with-history");
        await Browser.AssertAccessibleAsync(page, "/operator/graduates after a correction");

        var record = await api.JsonAsync(HttpMethod.Get, $"/api/operator/graduates/{graduateId}", api.OperatorToken);
        Assert.Equal(corrected, record["graduate"]!["email"]!.GetValue<string>());
        var change = record["corrections"]![0]!;
        Assert.Equal("operator-1", change["actorId"]!.GetValue<string>());
        Assert.Equal(old, change["changes"]![0]!["old"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_operator_finds_a_graduate_by_a_Kazakh_surname_typed_without_Kazakh_letters()
    {
        // A surname no other test uses, full of Kazakh letters.
        var tail = new string(Enumerable.Range(0, 6).Select(_ => "әіқңғөұүһ"[Random.Shared.Next(9)]).ToArray());
        var surname = $"Құрманғали{tail}";
        var iin = Api.NewIin();
        using var registered = await api.SendAsync(HttpMethod.Post, "/api/graduates", api.OperatorToken, new
        {
            iin, fullName = $"{surname} Әйгерім", email = $"{iin}@graduate.example.kz", language = "kk", category = "serpin", level = "bachelor",
            specialtyGroup = "technical", graduationDate = "2025-06-20", admissionYear = 2021, budgetCost = 2_900_000m, university = "ҚарТУ",
        });
        var graduateId = JsonNode.Parse(await registered.Content.ReadAsStringAsync())!["graduateId"]!.GetValue<string>();
        var typed = new string(surname.ToLowerInvariant().Select(c => Folded.GetValueOrDefault(c, c)).ToArray());
        Assert.DoesNotContain(typed, c => Folded.ContainsKey(c));

        await using var browser = await Browser.LaunchAsync(nameof(An_operator_finds_a_graduate_by_a_Kazakh_surname_typed_without_Kazakh_letters));
        var page = await browser.PageAsync();
        await SignInAsync(page, host, "/operator/graduates");
        await page.FillAsync("#q", typed);
        await page.ClickAsync("#search-submit");
        await page.Locator($"#results[data-query='{typed}']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var row = await RowAsync(page, $"#results tr[data-id='{graduateId}']", "#results-more");
        Assert.Equal($"{surname} Әйгерім", await row.Locator("a").TextContentAsync());
        await browser.ShotAsync(page, "found");
        await row.Locator("a").ClickAsync();
        await page.Locator("#g-iin").Filter(new() { HasText = iin }).WaitForAsync(Visible);
        await browser.ShotAsync(page, "opened");
    }

    [Fact]
    public async Task The_audit_trail_shows_an_operators_preview_to_a_supervisor_and_not_to_an_operator()
    {
        var (graduateId, _, token) = await api.RegisterAsync("rural-quota", "pedagogical");
        var id = await api.SubmitAsync(token, "unemployment-registration", new { referralDate = "2025-08-20", registeredFrom = "2025-09-01" }, Api.Pdf());
        Assert.Equal("awaiting-review", (await api.SettledAsync(token, id))["status"]!.GetValue<string>());
        await using var browser = await Browser.LaunchAsync(nameof(The_audit_trail_shows_an_operators_preview_to_a_supervisor_and_not_to_an_operator));

        var page = await browser.PageAsync();
        await SignInAsync(page, host, "/operator", subject: "operator-audited");
        await page.SelectOptionAsync("#f-kind", "unemployment-registration");
        await page.ClickAsync("#filter-submit");
        await page.Locator("#queue[data-query='kind=unemployment-registration']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await (await RowAsync(page, $"#q-{id}", "#queue-more")).Locator("button").ClickAsync();
        await page.Locator("#pdf-canvas[data-rendered='1']").WaitForAsync(Visible);
        await page.GotoAsync($"{host.BaseUrl}/operator/audit");
        await page.Locator("#auth-msg").Filter(new() { HasText = "not available to your role" }).WaitForAsync(Visible);
        Assert.True(await page.Locator("#audit").IsHiddenAsync());
        await browser.ShotAsync(page, "operator-refused");

        var supervisor = await browser.PageAsync();
        await SignInAsync(supervisor, host, "/operator/audit", role: "supervisor", subject: "supervisor-1");
        await supervisor.FillAsync("#a-graduate", graduateId);
        await supervisor.ClickAsync("#audit-submit");
        var entry = supervisor.Locator($"#audit tbody tr[data-action='document-previewed'][data-document='{id}']");
        await entry.First.WaitForAsync(Visible);
        Assert.Contains("operator-audited", await entry.First.TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("Document previewed", await entry.First.TextContentAsync(), StringComparison.Ordinal);
        await browser.ShotAsync(supervisor, "audit-trail");
        await Browser.AssertAccessibleAsync(supervisor, "/operator/audit (supervisor)");
    }
}
