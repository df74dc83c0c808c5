using System.Net;
using Microsoft.Playwright;

namespace Otrabotka.Functions.Tests;

/// <summary>The employer's page in a real browser (Debian's Chromium, driven by Playwright), as an employer uses it.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class EmployerPageBrowserTests(LocalHostFixture host)
{
    private readonly Api api = new(host);

    private static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var path = Environment.GetEnvironmentVariable("OTRABOTKA_CHROMIUM") ?? "/usr/bin/chromium";
        Assert.True(File.Exists(path), $"Chromium is needed at {path} (scripts/test.sh installs Debian's chromium).");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = path,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return (playwright, browser);
    }

    [Fact]
    public async Task An_employer_opens_the_link_sees_the_hire_and_confirms_it()
    {
        var (_, _, token) = await api.RegisterAsync("rural-quota", "pedagogical");
        var employer = $"director-{Guid.NewGuid():N}@school.example.kz";
        var id = await api.SubmitAsync(token, "employment-confirmation", Api.Employment("education", "akmola", "village", email: employer), Api.Pdf());
        var link = await api.EmployerTokenAsync(employer);

        var (playwright, browser) = await LaunchAsync();
        try
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { Locale = "kk-KZ" });
            await page.GotoAsync($"{host.BaseUrl}/confirm#t={link}");
            await page.Locator("#details").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 15_000 });
            Assert.Equal("Айгерім Сапарова", await page.Locator("#graduate").TextContentAsync());
            Assert.Equal("Ақмола облысы", await page.Locator("#region").TextContentAsync());

            await page.FillAsync("#name", "Бақыт Омаров");
            await page.FillAsync("#role", "Директор");
            await page.ClickAsync("#confirm");
            await page.Locator("#status").Filter(new LocatorFilterOptions { HasText = "Рақмет" }).WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
            Assert.True(await page.Locator("#details").IsHiddenAsync());
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }

        var doc = await api.JsonAsync(HttpMethod.Get, $"/api/me/documents/{id}", token);
        Assert.Equal("accepted", doc["status"]!.GetValue<string>());
        Assert.Contains("Бақыт Омаров", doc["history"]![3]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_link_shows_a_clear_message_and_no_form()
    {
        var (playwright, browser) = await LaunchAsync();
        try
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { Locale = "kk-KZ" });
            await page.GotoAsync($"{host.BaseUrl}/confirm#t=broken.link");
            await page.Locator("#status").Filter(new LocatorFilterOptions { HasText = "Сілтеме жарамсыз" }).WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
            Assert.True(await page.Locator("#details").IsHiddenAsync());

            // The same message in the language the employer switches to.
            await page.ClickAsync(".langs button[data-lang='ru']");
            await page.Locator("#status").Filter(new LocatorFilterOptions { HasText = "Ссылка недействительна" }).WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
            await page.ClickAsync(".langs button[data-lang='en']");
            await page.Locator("#status").Filter(new LocatorFilterOptions { HasText = "The link is invalid" }).WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
            Assert.Equal("en", await page.EvaluateAsync<string>("() => document.documentElement.lang"));
            using var direct = await host.Client.GetAsync("/confirm");
            Assert.Equal(HttpStatusCode.OK, direct.StatusCode);
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }
}
