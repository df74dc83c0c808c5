using System.Globalization;
using Microsoft.Extensions.Logging;
using Otrabotka.Domain;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases.OperatorDesk;

/// <summary>
/// Statuses that move with the calendar alone (ADR 0019). Index sync keeps, in each graduate's counter shard, a
/// <c>t|date|graduateId</c> row for the next day their ledger status changes with nothing else changing. Once a day
/// (the reminder timer) a message per shard is queued; each message reads that shard's rows up to today, at most
/// <see cref="PageSize"/>, and runs the graduate's index sync — which recounts them under today's status and moves
/// their row to the next change — then removes the row it read (if a sync left it) and hands on while rows remain.
/// Idempotent: a repeated message finds fewer rows; a graduate synced twice is counted once.
/// </summary>
public sealed partial class SyncCalendarMoves(OperatorIndex index, IndexSync sync, StorageClients storage, TimeProvider time, ILogger<SyncCalendarMoves> logger)
{
    public const string MessagePrefix = "moves";
    public const int PageSize = 100;
    private const int Parallelism = 8;

    /// <summary>
    /// Queues one message per shard for <paramref name="today"/> (32 queue messages a day, whatever the number of
    /// graduates), once a day however often the timer fires; answers whether this call queued them.
    /// </summary>
    public async Task<bool> StartAsync(DateOnly today, CancellationToken cancellationToken)
    {
        if (!await index.TryStartMovesAsync(today, cancellationToken))
        {
            return false;
        }

        for (var shard = 0; shard < OperatorIndex.Shards; shard++)
        {
            await QueueAsync(OperatorIndex.ShardName(shard), today, cancellationToken);
        }

        return true;
    }

    /// <summary>Handles "moves|{shard}|{date}"; answers the number of graduates re-synced (0 for a message of another kind).</summary>
    public async Task<int> HandleAsync(string message, CancellationToken cancellationToken)
    {
        if (message.Split('|') is not [MessagePrefix, var shard, var date]
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
            await QueueAsync(shard, today, cancellationToken);
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

    private Task QueueAsync(string shard, DateOnly today, CancellationToken cancellationToken) =>
        storage.Queue(StorageNames.OperatorResyncQueue).SendMessageAsync($"{MessagePrefix}|{shard}|{GraduateStore.Iso(today)}", cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Calendar moves in shard {Shard}: {Graduates} graduates re-synced")]
    private static partial void LogMoved(ILogger logger, string shard, int graduates);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Calendar move of graduate {GraduateId} failed ({Failure}); it is tried again tomorrow")]
    private static partial void LogFailed(ILogger logger, string graduateId, string failure);
}
