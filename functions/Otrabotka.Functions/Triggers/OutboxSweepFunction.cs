using Microsoft.Azure.Functions.Worker;
using Otrabotka.Functions.Notifications;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.Triggers;

public sealed class OutboxSweepFunction(OutboxSweep sweep)
{
    public const string Name = "SweepOutbox";

    [Function(Name)]
    public Task Run([TimerTrigger(StorageNames.OutboxSweepScheduleExpression)] TimerInfo timer, CancellationToken cancellationToken) =>
        sweep.RunAsync(cancellationToken);
}
