using System.Globalization;
using Microsoft.Extensions.Logging;
using Otrabotka.Domain;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases.OperatorDesk;

/// <summary>One message of the calendar moves (see <see cref="StartCalendarMoves"/>): a shard's due rows, at most <see cref="PageSize"/>, re-synced, and the next message queued while rows remain.</summary>
public sealed partial class RunCalendarMovesStep(OperatorIndex index, IndexSync sync, ResyncQueue queue, TimeProvider time, ILogger<RunCalendarMovesStep> logger)
{
    public const int PageSize = 100;
    private const int Parallelism = 8;

    /// <summary>Handles "moves|{shard}|{date}"; answers the number of graduates re-synced (0 for a message of another kind).</summary>
    public async Task<int> RunAsync(string message, CancellationToken cancellationToken)
    {
        if (message.Split('|') is not [ResyncQueue.MovesPrefix, var shard, var date]
            || !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var today)
            || !GraduateData.SafeKey(shard))
        {
            return 0;
        }

        // Never ahead of the clock: a message queued for a later day waits for it.
        today = today > Almaty.Today(time) ? Almaty.Today(time) : today;
        var (moves, more) = await index.DueMovesAsync(shard, today, PageSize, cancellationToken);
        var done = 0;
        await Parallel.ForEachAsync(moves, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (move, ct) =>
        {
            if (await TrySyncAsync(move.GraduateId, ct))
            {
                await index.ForgetMoveAsync(shard, move.RowKey, move.ETag, ct);
                Interlocked.Increment(ref done);
            }
        });
        if (more && done > 0)
        {
            // Only on progress: rows whose sync failed wait for tomorrow instead of looping.
            await queue.SendMovesAsync(shard, today, cancellationToken);
        }

        if (done > 0)
        {
            LogMoved(logger, shard, done);
        }

        return done;
    }

    private async Task<bool> TrySyncAsync(string graduateId, CancellationToken cancellationToken)
    {
        try
        {
            await sync.RunAsync(graduateId, null, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, graduateId, ex.GetType().Name);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Calendar moves in shard {Shard}: {Graduates} graduates re-synced")]
    private static partial void LogMoved(ILogger logger, string shard, int graduates);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Calendar move of graduate {GraduateId} failed ({Failure}); it is tried again tomorrow")]
    private static partial void LogFailed(ILogger logger, string graduateId, string failure);
}
