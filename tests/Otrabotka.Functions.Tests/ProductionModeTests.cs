using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Otrabotka.LocalHost;

namespace Otrabotka.Functions.Tests;

/// <summary>
/// Outside Development the host exposes no development stand-in: no /dev/* route (mail capture, OIDC
/// stand-in), no SendGrid capture, no token command, no development signing key.
/// </summary>
public sealed class ProductionModeTests
{
    private static readonly string[] StandInRoutes =
    [
        "/dev/mail", "/dev/mail/view", "/dev/oidc/.well-known/openid-configuration", "/dev/oidc/jwks",
        "/dev/oidc/authorize", "/dev/oidc/token",
    ];

    [Fact]
    public async Task A_host_started_with_ASPNETCORE_and_DOTNET_ENVIRONMENT_Production_serves_the_API_but_no_dev_route()
    {
        await using var azurite = await AzuriteProcess.StartAsync(onDisk: false);
        await using var host = LocalHostProcess.Start(LocalHostProcess.ProductionSettings(azurite.ConnectionString));
        Assert.True(await host.AnswersAsync(TimeSpan.FromSeconds(60), HttpStatusCode.OK), host.Output);

        foreach (var route in StandInRoutes)
        {
            using var get = await host.Client.GetAsync(route);
            Assert.True(get.StatusCode == HttpStatusCode.NotFound, $"GET {route} answered {(int)get.StatusCode}");
            using var post = await host.Client.PostAsync(route, new StringContent("{}"));
            Assert.True(post.StatusCode == HttpStatusCode.NotFound, $"POST {route} answered {(int)post.StatusCode}");
        }

        using var capture = await host.Client.PostAsync("/v3/mail/send", new StringContent("{}"));
        Assert.Equal(HttpStatusCode.NotFound, capture.StatusCode);

        // An operator route still exists and asks for a real token.
        using var operatorRoute = await host.Client.GetAsync("/api/notifications/failed");
        Assert.Equal(HttpStatusCode.Unauthorized, operatorRoute.StatusCode);
    }

    [Fact]
    public void Outside_Development_no_endpoint_of_the_host_is_under_dev_or_the_SendGrid_capture()
    {
        var app = LocalHostApp.Build([], new Dictionary<string, string?>
        {
            ["AZURE_FUNCTIONS_ENVIRONMENT"] = "Production",
            ["LocalHost:SettingsFile"] = "none",
        }, triggers: false);
        var production = Routes(app);
        var development = Routes(LocalHostApp.Build([], new Dictionary<string, string?> { ["LocalHost:SettingsFile"] = "none" }, triggers: false));

        Assert.Contains(development, r => r.StartsWith("dev/", StringComparison.Ordinal));
        Assert.DoesNotContain(production, r => r.StartsWith("dev/", StringComparison.Ordinal) || r.StartsWith("v3/", StringComparison.Ordinal));
        Assert.Contains("api/health", production);
    }

    [Fact]
    public async Task The_token_command_is_refused_in_Production()
    {
        await using var command = LocalHostProcess.Start(
            new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["DOTNET_ENVIRONMENT"] = "Production", ["AZURE_FUNCTIONS_ENVIRONMENT"] = null },
            ["token", "--role", "operator"]);
        var code = await command.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(3, code);
        Assert.Contains("refused outside the Development environment", command.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ", command.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_development_signing_key_stops_a_Production_host_at_start()
    {
        await using var azurite = await AzuriteProcess.StartAsync(onDisk: false);
        var settings = LocalHostProcess.ProductionSettings(azurite.ConnectionString);
        settings["Auth__SigningKey"] = "test-signing-key-0123456789abcdef0123456789";
        await using var host = LocalHostProcess.Start(settings);

        var code = await host.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.NotEqual(0, code);
        Assert.Contains("Auth__SigningKey", host.Output, StringComparison.Ordinal);
        Assert.False(await host.AnswersAsync(TimeSpan.FromSeconds(1)));
    }

    private static List<string> Routes(Microsoft.AspNetCore.Builder.WebApplication app)
    {
        var routes = ((IEndpointRouteBuilder)app).DataSources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText!.TrimStart('/')).ToList();
        app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return routes;
    }
}
