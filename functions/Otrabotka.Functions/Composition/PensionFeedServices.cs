using Microsoft.Extensions.DependencyInjection;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Composition;

/// <summary>The pension feed and employer registry (issue 16): their store, use cases and jobs.</summary>
public static class PensionFeedServices
{
    public static IServiceCollection AddPensionFeed(this IServiceCollection services)
    {
        // The recent-read window is real elapsed time, whatever clock the host's rules run on (a test host's is fixed).
        services.AddSingleton(provider => new EmployerRegistryStore(provider.GetRequiredService<StorageClients>()));
        services.AddSingleton<ReadRegistryEntry>();
        services.AddSingleton<PutRegistryEntry>();
        services.AddSingleton<FeedFindings>();
        services.AddSingleton<FeedCommit>();
        services.AddSingleton<ApplyFeedMonths>();
        services.AddSingleton<CreditFeedMonths>();
        services.AddSingleton<ReassessFeed>();
        services.AddSingleton<FeedCoverage>();
        services.AddSingleton<SweepFeedStops>();
        services.AddSingleton<SweepFeeds>();
        services.AddSingleton<ImportFeedChunk>();
        services.AddSingleton<ImportRegistryChunk>();
        services.AddSingleton<FeedJobs>();
        services.AddSingleton<SetFeedConsent>();
        return services;
    }
}
