using Microsoft.Extensions.Options;
using Otrabotka.Functions.Configuration;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// The safety net under the feeds container's blob trigger, and its only driver where no Event Grid delivers blob
/// events (Kubernetes, deploy/k8s): every file in <c>feeds</c> old enough starts its import the way the trigger does
/// (<see cref="FeedJobs.StartFromBlobAsync"/>, idempotent: a file whose plan is queued is left alone).
/// </summary>
public sealed class SweepFeeds(StorageClients storage, FeedJobs jobs, IOptions<IntakeSettings> settings, TimeProvider time)
{
    /// <summary>Returns how many files were examined.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var container = storage.Container(StorageNames.FeedsContainer);
        var now = time.GetUtcNow();
        var examined = 0;
        await foreach (var item in container.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            if ((item.Properties.LastModified ?? now) > now - TimeSpan.FromSeconds(settings.Value.SweepMinimumAgeSeconds))
            {
                continue;
            }

            examined++;
            await jobs.StartFromBlobAsync(container.GetBlobClient(item.Name), cancellationToken);
        }

        return examined;
    }
}
