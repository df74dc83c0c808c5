using Microsoft.Azure.Functions.Worker;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Triggers;

public sealed class DispatchQueueFunction(DispatchNotification dispatch)
{
    public const string Name = "DispatchNotification";

    [Function(Name)]
    public Task Run(
        [QueueTrigger(StorageNames.DispatchQueue, Connection = StorageNames.Connection)] string message,
        CancellationToken cancellationToken) =>
        dispatch.RunAsync(message, cancellationToken);
}
