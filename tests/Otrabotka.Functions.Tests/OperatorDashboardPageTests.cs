using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Otrabotka.Functions.Tests.OperatorPages;

namespace Otrabotka.Functions.Tests;

/// <summary>The dashboard and the export on their own storage account, where the counts move only by what the test does.</summary>
[Collection(ScaleHostCollection.Name)]
public sealed class OperatorDashboardPageTests(ScaleHostFixture host)
{
    private readonly Api api = new(host);

    [Fact]
    public async Task The_dashboards_counts_equal_what_the_test_created_and_the_export_holds_the_default_declared_on_the_page()
    {
        var before = await StableDashboardAsync();
        var created = new List<string>
        {
            (await api.RegisterAsync("serpin", "technical")).GraduateId,
            (await api.RegisterAsync("serpin", "technical")).GraduateId,
            (await api.RegisterAsync("state-order-other", "technical")).GraduateId,
        };

        await using var browser = await Browser.LaunchAsync(nameof(The_dashboards_counts_equal_what_the_test_created_and_the_export_holds_the_default_declared_on_the_page));
        var page = await browser.PageAsync();
        await SignInAsync(page, host, "/operator/graduates");
        await page.GotoAsync($"{host.BaseUrl}/operator/graduates?id={created[0]}");
        await page.Locator("#g-iin").WaitForAsync(Visible);
        await page.FillAsync("#df-asOf", "2026-01-15");
        await page.FillAsync("#df-note", "Жұмысқа орналасқаны туралы құжат жоқ.");
        await page.ClickAsync("#default-submit");
        await page.Locator("#default-msg.ok").WaitForAsync(Visible);
        await page.Locator("#g-status").Filter(new() { HasText = "Defaulted" }).WaitForAsync(Visible);

        var statuses = new List<string>();
        foreach (var id in created)
        {
            statuses.Add((await api.JsonAsync(HttpMethod.Get, $"/api/graduates/{id}/obligation", api.OperatorToken))["status"]!.GetValue<string>());
        }

        Assert.Equal("defaulted", statuses[0]);
        var expected = new Dictionary<string, Dictionary<string, int>>
        {
            ["by-category"] = Plus(Counts(before, "byCategory"), ["serpin", "serpin", "state-order-other"]),
            ["by-status"] = Plus(Counts(before, "byStatus"), statuses),
            ["by-region"] = Plus(Counts(before, "byRegion"), ["", "", ""]),
        };
        var total = before["total"]!.GetValue<int>() + 3;

        await page.GotoAsync($"{host.BaseUrl}/operator/dashboard");
        var shown = await LocalHostFixture.Eventually(async () =>
        {
            await page.ReloadAsync();
            await page.Locator("#dash-total").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex(@"\d") }).WaitForAsync(Visible);
            return await page.Locator("#dash-total").TextContentAsync() == total.ToString(System.Globalization.CultureInfo.InvariantCulture)
                && (await TablesAsync(page)).All(t => SameCounts(t.Value, expected[t.Key]));
        }, TimeSpan.FromSeconds(60));
        var tables = await TablesAsync(page);
        Assert.True(shown, $"the dashboard shows {await page.Locator("#dash-total").TextContentAsync()} (expected {total}): "
            + string.Join("; ", tables.Select(t => $"{t.Key}: {string.Join(",", t.Value.Select(kv => $"{kv.Key}={kv.Value}"))} vs {string.Join(",", expected[t.Key].Select(kv => $"{kv.Key}={kv.Value}"))}")));
        await browser.ShotAsync(page, "dashboard");
        await Browser.AssertAccessibleAsync(page, "/operator/dashboard");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-defaulted"));
        Assert.Matches(@"^defaulted-\d{4}-\d{2}-\d{2}\.csv$", download.SuggestedFilename);
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.StartsWith("graduateId,iin,fullName,category,region,university,defaultAsOf,amountOwed", csv.TrimStart('\uFEFF'), StringComparison.Ordinal);
        var line = Assert.Single(csv.Split('\n'), l => l.StartsWith(created[0] + ",", StringComparison.Ordinal));
        Assert.Contains("2026-01-15", line, StringComparison.Ordinal);
        Assert.DoesNotContain(csv.Split('\n'), l => l.StartsWith(created[1] + ",", StringComparison.Ordinal));
        await page.Locator("#export-msg.ok").WaitForAsync(Visible);
    }

    private async Task<JsonNode> StableDashboardAsync()
    {
        JsonNode? last = null;
        JsonNode? stable = null;
        Assert.True(await LocalHostFixture.Eventually(async () =>
        {
            var now = await api.JsonAsync(HttpMethod.Get, "/api/operator/dashboard", api.OperatorToken);
            var same = last is not null && Key(last) == Key(now);
            last = now;
            stable = same ? now : null;
            if (!same)
            {
                await Task.Delay(1000);
            }

            return same;
        }, TimeSpan.FromSeconds(60)), "the counters did not settle");
        return stable!;

        static string Key(JsonNode board) => string.Join("|", new[] { "total", "byCategory", "byStatus", "byRegion" }.Select(k => board[k]!.ToJsonString()));
    }

    private static Dictionary<string, int> Counts(JsonNode board, string list) =>
        board[list]!.AsArray().ToDictionary(r => r!["code"]?.GetValue<string>() ?? "", r => r!["count"]!.GetValue<int>());

    private static Dictionary<string, int> Plus(Dictionary<string, int> counts, IEnumerable<string> codes)
    {
        var result = new Dictionary<string, int>(counts);
        foreach (var code in codes)
        {
            result[code] = result.GetValueOrDefault(code) + 1;
        }

        return result;
    }

    private static bool SameCounts(Dictionary<string, int> shown, Dictionary<string, int> expected) =>
        expected.Where(kv => kv.Value != 0).All(kv => shown.GetValueOrDefault(kv.Key) == kv.Value)
        && shown.Where(kv => kv.Value != 0).All(kv => expected.GetValueOrDefault(kv.Key) == kv.Value);

    private static async Task<Dictionary<string, Dictionary<string, int>>> TablesAsync(IPage page)
    {
        var tables = new Dictionary<string, Dictionary<string, int>>();
        foreach (var table in new[] { "by-category", "by-status", "by-region" })
        {
            var rows = new Dictionary<string, int>();
            foreach (var row in await page.Locator($"#{table} tbody tr").AllAsync())
            {
                rows[(await row.GetAttributeAsync("data-code"))!] = int.Parse((await row.Locator("td.num").TextContentAsync())!, System.Globalization.CultureInfo.InvariantCulture);
            }

            tables[table] = rows;
        }

        return tables;
    }
}
