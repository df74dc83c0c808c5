using Microsoft.Azure.Functions.Worker;
using Otrabotka.Functions.Notifications;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Triggers;

public sealed class OutboxSweepFunction(OutboxSweep sweep)
{
    public const string Name = "SweepOutbox";

    [Function(Name)]
    public Task Run([TimerTrigger(StorageNames.OutboxSweepScheduleExpression)] TimerInfo timer, CancellationToken cancellationToken) =>
        sweep.RunAsync(cancellationToken);
}

public sealed class IntakeSweepFunction(SweepUnfinished sweep)
{
    public const string Name = "SweepIntake";

    /// <summary>Files in intake, documents still "received" past the bound, feed files not yet started (see <see cref="SweepUnfinished"/>).</summary>
    [Function(Name)]
    public Task Run([TimerTrigger(StorageNames.IntakeSweepScheduleExpression)] TimerInfo timer, CancellationToken cancellationToken) =>
        sweep.RunAsync(cancellationToken);
}
