using System.Net;
using Microsoft.Playwright;
using static Otrabotka.Functions.Tests.OperatorPages;

namespace Otrabotka.Functions.Tests;

/// <summary>The supervisor's re-sync of the operators' index, started and followed on the dashboard page (issue 15, ADR 0019).</summary>
[Collection(LocalHostCollection.Name)]
public sealed class OperatorResyncPageTests(LocalHostFixture host)
{
    private readonly Api api = new(host);

    [Fact]
    public async Task A_supervisor_starts_the_resync_on_the_dashboard_and_follows_it_to_the_end_while_an_operator_is_not_offered_it()
    {
        // At least one graduate for the run to walk (the shared host may hold many more).
        await api.RegisterAsync();
        await using var browser = await Browser.LaunchAsync(nameof(A_supervisor_starts_the_resync_on_the_dashboard_and_follows_it_to_the_end_while_an_operator_is_not_offered_it));
        var operatorPage = await browser.PageAsync();
        await SignInAsync(operatorPage, host, "/operator/dashboard");
        await operatorPage.Locator("#dash-total").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex(@"\d") }).WaitForAsync(Visible);
        Assert.True(await operatorPage.Locator("#resync-panel").IsHiddenAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await api.SendAsync(HttpMethod.Post, "/api/operator/resync", api.OperatorToken)).StatusCode);

        var supervisor = await browser.PageAsync();
        await SignInAsync(supervisor, host, "/operator/dashboard", role: "supervisor", subject: "supervisor-page");
        await supervisor.Locator("#resync-panel").WaitForAsync(Visible);
        Assert.True(await supervisor.Locator("#board").IsHiddenAsync(), "a supervisor-only session is not shown the operators' counts");
        var start = supervisor.WaitForResponseAsync(r => r.Url.EndsWith("/api/operator/resync", StringComparison.Ordinal) && r.Request.Method == "POST");
        await supervisor.ClickAsync("#resync-start");
        Assert.Equal(202, (await start).Status);
        await supervisor.Locator("#resync-msg[data-state]").WaitForAsync(Visible);
        Assert.True(await supervisor.Locator("#resync-start").IsDisabledAsync() || await supervisor.Locator("#resync-msg[data-state='done']").CountAsync() == 1);
        await browser.ShotAsync(supervisor, "resync-running");

        await supervisor.Locator("#resync-msg[data-state='done']").WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 180_000 });
        Assert.Matches(@"^Done: [1-9]\d* graduates re-synced in [1-9]\d* steps, \d+ failed", await supervisor.Locator("#resync-msg").TextContentAsync());
        Assert.True(await supervisor.Locator("#resync-progress").IsHiddenAsync());
        Assert.False(await supervisor.Locator("#resync-start").IsDisabledAsync());
        await supervisor.ClickAsync("button[data-lang='kk']");
        await supervisor.Locator("#resync-msg").Filter(new() { HasText = "Аяқталды" }).WaitForAsync(Visible);
        await browser.ShotAsync(supervisor, "resync-done");
        await Browser.AssertAccessibleAsync(supervisor, "/operator/dashboard (supervisor)");
    }
}
