using System.Globalization;
using Microsoft.Extensions.Logging;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases.OperatorDesk;

/// <summary>
/// Re-syncs every graduate into the operators' index and counters (ADR 0019): graduates registered before
/// the index existed, or whose index rows were lost. A start records a run and queues its first step; each
/// queue message walks one page of profiles (<see cref="PageSize"/> graduates, so an execution is bounded)
/// through <see cref="IndexSync.ResyncAsync"/> — the index rows rewritten, the counters moved only when a
/// graduate's membership changes, so nothing is counted twice — then saves the step (ETag-guarded: a
/// repeated message finds its step taken and stops) and queues the next. One run at a time: a start while
/// one runs answers that run and re-queues its current step (a chain stopped by a crash goes on).
/// </summary>
public sealed partial class ResyncOperatorIndex(OperatorResyncStore runs, IndexSync sync, StorageClients storage, TimeProvider time, ILogger<ResyncOperatorIndex> logger)
{
    public const int PageSize = 100;
    private const int Parallelism = 8;

    public static string StatusRoute(string runId) => "/api/operator/resync/" + runId;

    /// <summary>Starts a run, or answers the one still running (with its chain re-queued).</summary>
    public async Task<Outcome<ResyncStatus>> StartAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var latest = await runs.LatestAsync(cancellationToken);
            if (latest is { Done: false })
            {
                await QueueAsync(latest.RunId, latest.Step, cancellationToken);
                return Outcome<ResyncStatus>.Accepted(Status(latest));
            }

            var now = time.GetUtcNow();
            var run = new OperatorResyncRun(GraduateStore.NewId('x'), now, now, 0, null, 0, 0, false);
            if (await runs.TryAddAsync(run, await runs.LatestETagAsync(cancellationToken), cancellationToken))
            {
                await QueueAsync(run.RunId, 0, cancellationToken);
                LogStarted(logger, run.RunId);
                return Outcome<ResyncStatus>.Accepted(Status(run));
            }
        }
    }

    public async Task<Outcome<ResyncStatus>> StatusAsync(string runId, CancellationToken cancellationToken) =>
        GraduateData.SafeKey(runId) && await runs.FindAsync(runId, cancellationToken) is { } run ? Outcome<ResyncStatus>.Ok(Status(run)) : Problem.NotFound;

    /// <summary>A queue message "step|{runId}|{n}": re-syncs the step's page of graduates and hands on.</summary>
    public async Task HandleAsync(string message, CancellationToken cancellationToken)
    {
        if (message.Split('|') is not ["step", var runId, var number] || !int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var step))
        {
            return;
        }

        if (await runs.FindAsync(runId, cancellationToken) is not { Done: false } run || run.Step != step)
        {
            return;
        }

        var (ids, next) = await runs.ProfilesAsync(run.WalkToken, PageSize, cancellationToken);
        var failed = 0;
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (id, ct) =>
        {
            if (!await TryResyncAsync(runId, id, ct))
            {
                Interlocked.Increment(ref failed);
            }
        });
        var saved = run with { Step = step + 1, WalkToken = next, Graduates = run.Graduates + ids.Count, Failed = run.Failed + failed, Done = next is null, UpdatedAt = time.GetUtcNow() };
        if (!await runs.TrySaveAsync(saved, cancellationToken))
        {
            return;
        }

        if (saved.Done)
        {
            LogDone(logger, runId, saved.Graduates, saved.Step);
            return;
        }

        await QueueAsync(runId, saved.Step, cancellationToken);
    }

    /// <summary>One graduate; a graduate whose rows cannot be synced is logged and counted, never a stop of the whole run.</summary>
    private async Task<bool> TryResyncAsync(string runId, string graduateId, CancellationToken cancellationToken)
    {
        try
        {
            await sync.ResyncAsync(graduateId, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogGraduateFailed(logger, runId, graduateId, ex.GetType().Name);
            return false;
        }
    }

    private Task QueueAsync(string runId, int step, CancellationToken cancellationToken) =>
        storage.Queue(StorageNames.OperatorResyncQueue).SendMessageAsync($"step|{runId}|{step.ToString(CultureInfo.InvariantCulture)}", cancellationToken);

    private static ResyncStatus Status(OperatorResyncRun run) =>
        new(run.RunId, run.Done ? "done" : "running", run.Step, run.Graduates, run.Failed, run.StartedAt, run.UpdatedAt, StatusRoute(run.RunId));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operators' index re-sync {RunId}: graduate {GraduateId} failed ({Failure})")]
    private static partial void LogGraduateFailed(ILogger logger, string runId, string graduateId, string failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "Operators' index re-sync {RunId} started")]
    private static partial void LogStarted(ILogger logger, string runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Operators' index re-sync {RunId} done: {Graduates} graduates in {Steps} steps")]
    private static partial void LogDone(ILogger logger, string runId, int graduates, int steps);
}
