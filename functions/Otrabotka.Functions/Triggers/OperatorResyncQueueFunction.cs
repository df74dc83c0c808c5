using Microsoft.Azure.Functions.Worker;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases.OperatorDesk;

namespace Otrabotka.Functions.Triggers;

/// <summary>The operators' index re-sync, one page of graduates a message (ids only); each execution bounded in count.</summary>
public sealed class OperatorResyncQueueFunction(ResyncOperatorIndex resync)
{
    public const string Name = "OperatorIndexResyncStep";

    [Function(Name)]
    public Task Run(
        [QueueTrigger(StorageNames.OperatorResyncQueue, Connection = StorageNames.Connection)] string message,
        CancellationToken cancellationToken) =>
        resync.HandleAsync(message, cancellationToken);
}
