using Microsoft.Azure.Functions.Worker;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Triggers;

/// <summary>A large reminder run's plan and chunks, one message at a time (ids only); each execution is bounded in count and time.</summary>
public sealed class ReminderRunQueueFunction(RunReminderStep step)
{
    public const string Name = "ReminderRunChunk";

    [Function(Name)]
    public Task Run(
        [QueueTrigger(StorageNames.ReminderRunQueue, Connection = StorageNames.Connection)] string message,
        CancellationToken cancellationToken) =>
        step.RunAsync(message, cancellationToken);
}
