using Microsoft.Azure.Functions.Worker;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Triggers;

/// <summary>A feed or registry import's plan and chunks, one message each (ids only); each execution is one chunk of rows.</summary>
public sealed class FeedQueueFunction(FeedJobs jobs)
{
    public const string Name = "FeedChunk";

    [Function(Name)]
    public Task Run(
        [QueueTrigger(StorageNames.FeedQueue, Connection = StorageNames.Connection)] string message,
        CancellationToken cancellationToken) =>
        jobs.HandleAsync(message, cancellationToken);
}
