using System.Globalization;
using System.Text;
using Microsoft.Playwright;
using static Otrabotka.Functions.Tests.OperatorPages;

namespace Otrabotka.Functions.Tests;

/// <summary>The import page against the host with small bounds, where a file of 60 rows is imported in chunks behind its status route.</summary>
[Collection(ScaleHostCollection.Name)]
public sealed class OperatorImportPageTests(ScaleHostFixture host)
{
    private const string Header = "iin;fullName;email;language;category;level;specialtyGroup;graduationDate;admissionYear;budgetCost;university;grantMonths;normativeMonths";

    [Fact]
    public async Task An_operator_registers_graduates_from_a_CSV_with_one_bad_row_and_sees_the_progress_and_the_rows_error()
    {
        var iins = Enumerable.Range(0, 60).Select(_ => Api.NewIin()).ToList();
        var csv = new StringBuilder(Header + "\n");
        for (var i = 0; i < iins.Count; i++)
        {
            // Line 32 (the 31st row) has an IIN with a wrong check digit.
            var iin = i == 30 ? iins[i][..11] + (char)('0' + ((iins[i][11] - '0' + 1) % 10)) : iins[i];
            csv.Append(CultureInfo.InvariantCulture, $"{iin};Түлек {iin[^4..]};{iin}@import.example.kz;kk;rural-quota;bachelor;pedagogical;2024-06-20;2020;3600000;ПМУ;;\n");
        }

        await using var browser = await Browser.LaunchAsync(nameof(An_operator_registers_graduates_from_a_CSV_with_one_bad_row_and_sees_the_progress_and_the_rows_error));
        var page = await browser.PageAsync();
        var answers = new List<(string Method, string Path, int Status)>();
        page.Response += (_, response) => answers.Add((response.Request.Method, new Uri(response.Url).AbsolutePath, response.Status));

        await SignInAsync(page, host, "/operator/import");
        await page.EvaluateAsync("() => { const bar = document.getElementById('import-progress'); window.__seen = []; const d = Object.getOwnPropertyDescriptor(HTMLProgressElement.prototype, 'value'); Object.defineProperty(bar, 'value', { get() { return d.get.call(this); }, set(v) { window.__seen.push(v); d.set.call(this, v); } }); }");
        await page.SetInputFilesAsync("#csv", new FilePayload { Name = "graduates.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv.ToString()) });
        await page.ClickAsync("#import-submit");
        await page.Locator("#import-progress-box[data-done='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 90_000 });
        await browser.ShotAsync(page, "import-done");

        Assert.Contains(answers, a => a is { Method: "POST", Path: "/api/graduates/import", Status: 202 });
        Assert.Contains(answers, a => a.Method == "GET" && a.Path.StartsWith("/api/imports/", StringComparison.Ordinal) && a.Status == 200);
        Assert.Equal("59", await page.Locator("#im-registered").TextContentAsync());
        Assert.Equal("1", await page.Locator("#im-errors").TextContentAsync());
        var error = page.Locator("#import-errors tbody tr");
        Assert.Equal(1, await error.CountAsync());
        Assert.Equal("32", await error.GetAttributeAsync("data-line"));
        Assert.Contains("IIN", await error.TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal("Done: 60 rows read.", await page.Locator("#import-state").TextContentAsync());
        var seen = (await page.EvaluateAsync<System.Text.Json.JsonElement>("() => window.__seen")).EnumerateArray().Select(v => v.GetDouble()).ToList();
        Assert.Equal(100, seen[^1]);
        Assert.Contains(seen, v => v < 100);
        await Browser.AssertAccessibleAsync(page, "/operator/import with its result");
    }
}
