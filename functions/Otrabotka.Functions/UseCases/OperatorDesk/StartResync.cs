using Microsoft.Extensions.Logging;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases.OperatorDesk;

/// <summary>
/// A supervisor starts the re-sync of every graduate into the operators' index and counters (ADR 0019): graduates registered before
/// the index existed, or whose index rows were lost. A start records a run and queues its first step; each
/// queue message walks one page of profiles (<see cref="RunResyncStep.PageSize"/> graduates, so an execution is bounded)
/// through <see cref="IndexSync.ResyncAsync"/> — the index rows rewritten, the counters moved only when a
/// graduate's membership changes, so nothing is counted twice — then saves the step (ETag-guarded: a
/// repeated message finds its step taken and stops) and queues the next. One run at a time: a start while
/// one runs answers that run and re-queues its current step (a chain stopped by a crash goes on).
/// </summary>
public sealed partial class StartResync(OperatorResyncStore runs, ResyncQueue queue, TimeProvider time, ILogger<StartResync> logger)
{
    /// <summary>Starts a run, or answers the one still running (with its chain re-queued).</summary>
    public async Task<Outcome<ResyncStatus>> RunAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var latest = await runs.LatestAsync(cancellationToken);
            if (latest is { Done: false })
            {
                await queue.SendStepAsync(latest.RunId, latest.Step, cancellationToken);
                return Outcome<ResyncStatus>.Accepted(ResyncStatus.Of(latest));
            }

            var now = time.GetUtcNow();
            var run = new OperatorResyncRun(GraduateStore.NewId('x'), now, now, 0, null, 0, 0, false);
            if (await runs.TryAddAsync(run, await runs.LatestETagAsync(cancellationToken), cancellationToken))
            {
                await queue.SendStepAsync(run.RunId, 0, cancellationToken);
                LogStarted(logger, run.RunId);
                return Outcome<ResyncStatus>.Accepted(ResyncStatus.Of(run));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Operators' index re-sync {RunId} started")]
    private static partial void LogStarted(ILogger logger, string runId);
}
