using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases.OperatorDesk;

/// <summary>
/// The daily start of the pass over statuses that move with the calendar alone (ADR 0019). Index sync keeps, in each graduate's counter shard, a
/// <c>t|date|graduateId</c> row for the next day their ledger status changes with nothing else changing. Once a day
/// (the reminder timer) a message per shard is queued; each message reads that shard's rows up to today, at most
/// <see cref="RunCalendarMovesStep.PageSize"/>, and runs the graduate's index sync — which recounts them under today's status and moves
/// their row to the next change — then removes the row it read (if a sync left it) and hands on while rows remain.
/// Idempotent: a repeated message finds fewer rows; a graduate synced twice is counted once.
/// </summary>
public sealed class StartCalendarMoves(OperatorIndex index, ResyncQueue queue)
{
    /// <summary>
    /// Queues one message per shard for <paramref name="today"/> (32 queue messages a day, whatever the number of
    /// graduates), once a day however often the timer fires; answers whether this call queued them.
    /// </summary>
    public async Task<bool> RunAsync(DateOnly today, CancellationToken cancellationToken)
    {
        if (!await index.TryStartMovesAsync(today, cancellationToken))
        {
            return false;
        }

        for (var shard = 0; shard < OperatorIndex.Shards; shard++)
        {
            await queue.SendMovesAsync(OperatorIndex.ShardName(shard), today, cancellationToken);
        }

        return true;
    }
}
