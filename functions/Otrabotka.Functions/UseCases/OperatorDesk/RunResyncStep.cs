using System.Globalization;
using Microsoft.Extensions.Logging;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases.OperatorDesk;

/// <summary>One step of a re-sync of the operators' index (see <see cref="StartResync"/>): a page of <see cref="PageSize"/> graduates re-synced, the step saved (ETag-guarded), the next queued.</summary>
public sealed partial class RunResyncStep(OperatorResyncStore runs, IndexSync sync, ResyncQueue queue, TimeProvider time, ILogger<RunResyncStep> logger)
{
    public const int PageSize = 100;
    private const int Parallelism = 8;

    /// <summary>A queue message "step|{runId}|{n}": re-syncs the step's page of graduates and hands on.</summary>
    public async Task RunAsync(string message, CancellationToken cancellationToken)
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

        await queue.SendStepAsync(runId, saved.Step, cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operators' index re-sync {RunId}: graduate {GraduateId} failed ({Failure})")]
    private static partial void LogGraduateFailed(ILogger logger, string runId, string graduateId, string failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "Operators' index re-sync {RunId} done: {Graduates} graduates in {Steps} steps")]
    private static partial void LogDone(ILogger logger, string runId, int graduates, int steps);
}
