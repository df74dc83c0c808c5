using Microsoft.ApplicationInsights;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Otrabotka.Functions.Composition;

namespace Otrabotka.Functions.Tests;

public sealed class TelemetryCompositionTests
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
        ["SendGrid:ApiKey"] = "k",
        ["SendGrid:FromEmail"] = "no-reply@otrabotka.test",
        ["Otrabotka:PublicBaseUrl"] = "https://otrabotka.example",
        ["Auth:MetadataAddress"] = "https://login.example/.well-known/openid-configuration",
        ["Intake:EmployerLinkKey"] = "composition-test-key-0123456789abcdefgh",
    };

    private static (IHost Host, bool Wired) Build(string? connectionString)
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(Settings)
        {
            [TelemetrySetup.ConnectionStringSetting] = connectionString,
        });
        builder.ConfigureFunctionsWebApplication();
        builder.Services.AddOtrabotka(builder.Configuration);
        var wired = builder.Services.AddOtrabotkaTelemetry(builder.Configuration);
        return (builder.Build(), wired);
    }

    [Fact]
    public void With_a_connection_string_the_worker_sends_telemetry_and_information_logs_to_Application_Insights()
    {
        var (host, wired) = Build("InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=http://127.0.0.1:9/");
        using (host)
        {
            Assert.True(wired);
            Assert.NotNull(host.Services.GetService<TelemetryClient>());
            var providers = host.Services.GetServices<ILoggerProvider>().Select(p => p.GetType().Name).ToList();
            Assert.Contains("ApplicationInsightsLoggerProvider", providers);
            var rules = host.Services.GetRequiredService<IOptions<LoggerFilterOptions>>().Value.Rules;
            Assert.DoesNotContain(rules, r => r.ProviderName?.EndsWith("ApplicationInsightsLoggerProvider", StringComparison.Ordinal) == true && r.LogLevel == LogLevel.Warning);
        }
    }

    [Fact]
    public void Without_a_connection_string_no_telemetry_is_wired()
    {
        var (host, wired) = Build(null);
        using (host)
        {
            Assert.False(wired);
            Assert.Null(host.Services.GetService<TelemetryClient>());
            Assert.DoesNotContain(host.Services.GetServices<ILoggerProvider>(), p => p.GetType().Name == "ApplicationInsightsLoggerProvider");
        }
    }
}
