using Microsoft.Extensions.DependencyInjection;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Composition;

/// <summary>The pension feed and employer registry (issue 16): their store, use cases and jobs.</summary>
public static class PensionFeedServices
{
    public static IServiceCollection AddPensionFeed(this IServiceCollection services)
    {
        services.AddSingleton<EmployerRegistryStore>();
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
