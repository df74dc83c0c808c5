using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Otrabotka.Functions.Composition;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.Tests;

/// <summary>The app's services outside the host, on one test account, for tests that call application services directly.</summary>
internal static class TestServices
{
    /// <summary>
    /// Built as the host builds them (development environment, test keys); given a <paramref name="counter"/>, every
    /// storage call the clients make is counted by it; <paramref name="settings"/> add to or override the defaults.
    /// </summary>
    public static ServiceProvider Build(string connection, StorageCallCounter? counter = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = connection,
            ["SendGrid:ApiKey"] = "direct",
            ["SendGrid:FromEmail"] = "direct@otrabotka.test",
            ["Otrabotka:PublicBaseUrl"] = "http://127.0.0.1:7071",
            ["Auth:SigningKey"] = "direct-signing-key-0123456789abcdef0123",
            ["Intake:EmployerLinkKey"] = "direct-employer-key-0123456789abcdef01",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var services = new ServiceCollection().AddLogging().AddOtrabotka(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        if (counter is not null)
        {
            services.AddSingleton(sp => new StorageClients(sp.GetRequiredService<StorageConnection>(), counter: counter));
        }

        services.AddDevelopmentEnvironment();
        return services.BuildServiceProvider();
    }
}
