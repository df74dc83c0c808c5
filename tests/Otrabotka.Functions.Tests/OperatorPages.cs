using Microsoft.Playwright;

namespace Otrabotka.Functions.Tests;

/// <summary>What the operator page tests share: signing in through the local host's OIDC stand-in as an operator or a supervisor.</summary>
internal static class OperatorPages
{
    public static readonly LocatorWaitForOptions Visible = new() { State = WaitForSelectorState.Visible, Timeout = 30_000 };

    /// <summary>Opens an operator page and signs in at the stand-in's sign-in page with the given role and name.</summary>
    public static async Task SignInAsync(IPage page, LocalHostFixture host, string path, string role = "operator", string subject = "operator-1")
    {
        await page.GotoAsync(host.BaseUrl + path);
        await page.Locator("#signin-button").WaitForAsync(Visible);
        // One retry: on a loaded machine the first redirect (discovery, then the stand-in's page) can stall.
        for (var attempt = 1; ; attempt++)
        {
            await page.ClickAsync("#signin-button");
            try
            {
                await page.WaitForURLAsync("**/dev/oidc/authorize**", new() { Timeout = 45_000 });
                break;
            }
            catch (TimeoutException) when (attempt < 2)
            {
                await page.GotoAsync(host.BaseUrl + path);
                await page.Locator("#signin-button").WaitForAsync(Visible);
            }
        }

        await page.CheckAsync($"input[name='role'][value='{role}']");
        await page.FillAsync($"input[name='{role}']", subject);
        await page.ClickAsync("button[value='sign-in']");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == path && !new Uri(url).Query.Contains("code=", StringComparison.Ordinal), new() { Timeout = 45_000 });
        await page.Locator("#content").WaitForAsync(Visible);
    }

    /// <summary>Follows "show more" on a list until the row is there.</summary>
    public static async Task<ILocator> RowAsync(IPage page, string row, string more)
    {
        for (var i = 0; i < 100 && await page.Locator(row).CountAsync() == 0; i++)
        {
            var button = page.Locator(more);
            Assert.True(await button.IsVisibleAsync(), $"{row} is not in the list");
            var before = await page.Locator("tbody tr").CountAsync();
            await button.ClickAsync();
            await page.WaitForFunctionAsync($"n => document.querySelectorAll('tbody tr').length > n || document.querySelector(\"{row}\")", before);
        }

        return page.Locator(row);
    }
}
