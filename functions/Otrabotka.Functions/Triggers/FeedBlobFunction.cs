using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Triggers;

/// <summary>A file in the feeds container (an operator's upload or a drop by the Ministry's transfer) starts its feed import.</summary>
public sealed class FeedBlobFunction(FeedJobs jobs)
{
    public const string Name = "StartFeedImport";

    /// <summary>In Azure the blob trigger is driven by Event Grid, as the intake's is (its own subscription in infra/).</summary>
    [Function(Name)]
    public Task Run(
        [BlobTrigger(StorageNames.FeedBlobPath, Source = BlobTriggerSource.EventGrid, Connection = StorageNames.Connection)] BlobClient blob,
        string name,
        CancellationToken cancellationToken) =>
        jobs.StartFromBlobAsync(blob, cancellationToken);
}
