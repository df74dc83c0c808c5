using Microsoft.Azure.Functions.Worker;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Triggers;

/// <summary>An import job's plan and chunks, one message each (ids only); each execution is one chunk of rows.</summary>
public sealed class ImportQueueFunction(RunImportStep step)
{
    public const string Name = "ImportChunk";

    [Function(Name)]
    public Task Run(
        [QueueTrigger(StorageNames.ImportQueue, Connection = StorageNames.Connection)] string message,
        CancellationToken cancellationToken) =>
        step.RunAsync(message, cancellationToken);
}
