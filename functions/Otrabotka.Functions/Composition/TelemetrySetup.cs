using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Otrabotka.Functions.Composition;

/// <summary>
/// Worker telemetry to Application Insights through the Functions worker's own packages: requests and
/// dependencies (HTTP, storage) and the app's log messages (opaque ids only, never an IIN, name, e-mail or
/// token). Wired only when a connection string is set, so a host with no Application Insights (the local
/// host, a cluster that ships logs its own way) runs without it. Entra authentication of the telemetry
/// (APPLICATIONINSIGHTS_AUTHENTICATION_STRING, "ClientId=…;Authorization=AAD") is read by the worker's
/// package itself.
/// </summary>
public static class TelemetrySetup
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    private const string ApplicationInsightsLoggerProvider =
        "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider";

    /// <returns>True when telemetry was wired.</returns>
    public static bool AddOtrabotkaTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration[ConnectionStringSetting]))
        {
            return false;
        }

        services.AddApplicationInsightsTelemetryWorkerService(options => options.ConnectionString = configuration[ConnectionStringSetting]);
        services.ConfigureFunctionsApplicationInsights();

        // The SDK adds a rule that keeps only warnings; the app's information messages (status moves,
        // outcomes) are what an operator searches, and host.json's levels already bound them.
        services.Configure<LoggerFilterOptions>(options =>
        {
            var rule = options.Rules.FirstOrDefault(r => r.ProviderName == ApplicationInsightsLoggerProvider);
            if (rule is not null)
            {
                options.Rules.Remove(rule);
            }
        });
        return true;
    }
}
