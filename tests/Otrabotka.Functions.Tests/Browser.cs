using System.Text.Json;
using Microsoft.Playwright;

namespace Otrabotka.Functions.Tests;

/// <summary>
/// Debian's Chromium driven by Playwright, with what every page test needs: phone and desktop sizes,
/// screenshots under TestResults/screenshots, and axe-core (from npm) run inside the page.
/// </summary>
internal sealed class Browser : IAsyncDisposable
{
    public static readonly ViewportSize Phone = new() { Width = 375, Height = 812 };
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };

    private static readonly Lazy<string> Root = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Otrabotka.Functions.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("The repository root (Otrabotka.Functions.sln) was not found above the test binaries.");
    });

    private readonly IPlaywright playwright;
    private readonly string folder;
    private int shots;

    private Browser(IPlaywright playwright, IBrowser chromium, string test)
    {
        this.playwright = playwright;
        Chromium = chromium;
        folder = Path.Combine(Root.Value, "TestResults", "screenshots", test);
        Directory.CreateDirectory(folder);
    }

    public IBrowser Chromium { get; }

    public static async Task<Browser> LaunchAsync(string test)
    {
        var path = Environment.GetEnvironmentVariable("OTRABOTKA_CHROMIUM") ?? "/usr/bin/chromium";
        Assert.True(File.Exists(path), $"Chromium is needed at {path} (scripts/test.sh installs Debian's chromium).");
        var playwright = await Playwright.CreateAsync();
        var chromium = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = path,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return new Browser(playwright, chromium, test);
    }

    public async Task<IPage> PageAsync(string locale = "en-GB", ViewportSize? size = null)
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions { Locale = locale, ViewportSize = size ?? Desktop });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        return page;
    }

    public async Task ShotAsync(IPage page, string name)
    {
        shots++;
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{shots:D2}-{name}.png"), FullPage = true });
    }

    /// <summary>Runs axe-core in the page and fails on any serious or critical violation, naming each.</summary>
    public static async Task AssertAccessibleAsync(IPage page, string where)
    {
        var axe = await File.ReadAllTextAsync(Path.Combine(Root.Value, "node_modules", "axe-core", "axe.min.js"));
        await page.EvaluateAsync(axe);
        var result = await page.EvaluateAsync<JsonElement>("async () => { const r = await axe.run(document, { resultTypes: ['violations'] }); return r.violations.map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5) })); }");
        var serious = result.EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .Select(v => $"{v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}): {string.Join(", ", v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()))}")
            .ToList();
        Assert.True(serious.Count == 0, $"{where}: {string.Join("; ", serious)}");
    }

    public async ValueTask DisposeAsync()
    {
        await Chromium.CloseAsync();
        playwright.Dispose();
    }
}
