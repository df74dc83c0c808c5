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

public sealed class IntakeSweepFunction(IntakeSweep sweep, ReceivedSweep received, SweepFeeds feeds)
{
    public const string Name = "SweepIntake";

    /// <summary>Files in intake first (validated), then documents still "received" past the bound (retried or failed), then feed files not yet started.</summary>
    [Function(Name)]
    public async Task Run([TimerTrigger(StorageNames.IntakeSweepScheduleExpression)] TimerInfo timer, CancellationToken cancellationToken)
    {
        await sweep.RunAsync(cancellationToken);
        await received.RunAsync(cancellationToken);
        await feeds.RunAsync(cancellationToken);
    }
}
