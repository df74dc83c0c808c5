using Microsoft.Azure.Functions.Worker;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases.OperatorDesk;

namespace Otrabotka.Functions.Triggers;

/// <summary>
/// The operators' index re-sync, one page of graduates a message (ids only), and the daily pass over statuses that move
/// with the calendar ("moves|…", one shard's page a message); each execution bounded in count.
/// </summary>
public sealed class OperatorResyncQueueFunction(RunResyncStep resyncStep, RunCalendarMovesStep movesStep)
{
    public const string Name = "OperatorIndexResyncStep";

    [Function(Name)]
    public Task Run(
        [QueueTrigger(StorageNames.OperatorResyncQueue, Connection = StorageNames.Connection)] string message,
        CancellationToken cancellationToken) =>
        message.StartsWith(ResyncQueue.MovesPrefix + "|", StringComparison.Ordinal) ? movesStep.RunAsync(message, cancellationToken) : resyncStep.RunAsync(message, cancellationToken);
}
