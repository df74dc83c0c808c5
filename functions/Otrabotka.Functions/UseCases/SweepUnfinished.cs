using Microsoft.Extensions.Logging;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// The sweeper's run (every minute): files in intake first (validated), then documents still "received" past the
/// bound (retried or failed), then feed files not yet started — each pass independent of the others' failures.
/// </summary>
public sealed class SweepUnfinished(IntakeSweep intake, ReceivedSweep received, SweepFeeds feeds, ILogger<SweepUnfinished> logger)
{
    public Task RunAsync(CancellationToken cancellationToken) =>
        IndependentPasses.RunAsync(
            nameof(SweepUnfinished),
            [
                (nameof(IntakeSweep), intake.RunAsync),
                (nameof(ReceivedSweep), received.RunAsync),
                (nameof(SweepFeeds), feeds.RunAsync),
            ],
            logger,
            cancellationToken);
}
