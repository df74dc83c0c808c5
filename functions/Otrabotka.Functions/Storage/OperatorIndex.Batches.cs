using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Otrabotka.Domain;
using Otrabotka.Functions.UseCases.OperatorDesk;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// The operators' index for many graduates at once (an import's new graduates, a feed chunk's changed ones): index
/// rows 100 to a transaction per partition, rows no longer wanted deleted the same way, then per counter shard
/// (shards in parallel, one shard's batches in turn) the membership rows and the moved counters in one transaction.
/// The counters a batch moves are point-read once per shard and then carried from commit to commit by the ETags the
/// transaction answers (ADR 0025); a counter another writer moved meanwhile (412, or 409 on a counter row both added)
/// is read again and the batch retried. A batch whose membership row changed meanwhile (a concurrent sync, a chunk run
/// again) falls back to the one-by-one sync, which is idempotent — the same guarantees as one graduate's sync.
/// </summary>
public sealed partial class OperatorIndex
{
    private const int BatchLimit = 100;
    private const int Parallelism = 16;

    /// <summary>One graduate of a batched sync: what they are to be indexed under, and their membership as read (null: none yet).</summary>
    private sealed record Member(GraduateRecord Graduate, OperatorIndexRows Entry, TableEntity? Existing)
    {
        public IEnumerable<string> OldFacets => Lines(Existing?.GetString("Facets"));

        public IEnumerable<string> Unwanted => Lines(Existing?.GetString("Rows")).Except(Entry.Rows.Select(OperatorIndexRows.Address), StringComparer.Ordinal);
    }

    /// <summary>Indexes graduates just registered by an import (no membership yet); answers the number of storage calls made.</summary>
    public async Task<int> SyncNewAsync(IReadOnlyCollection<GraduateRecord> graduates, CancellationToken cancellationToken)
    {
        var today = Almaty.Today(time);
        var members = graduates.Select(g => new Member(g, OperatorIndexRows.Of(g, NextStatusChange.Of(g, [], today)), null)).ToList();
        var calls = await WriteRowsAsync(members.SelectMany(m => m.Entry.Rows), cancellationToken);
        var counted = await CountAllAsync(members, null, cancellationToken);
        return counted.Failed.IsEmpty ? calls + counted.Calls : throw new ConcurrentChangeException("The operators' index of a new graduate kept changing under its sync.");
    }

    /// <summary>
    /// Syncs graduates whose profiles were just committed (each with the next day their status changes with the calendar
    /// alone): their memberships point-read, those whose fingerprint moved — and that <paramref name="stillCurrent"/>
    /// finds still as committed, when given — indexed in batches. Answers the ids not synced: not current any more, or
    /// kept losing to concurrent changes (the caller leaves them to the outbox, as after a one-by-one sync).
    /// </summary>
    public async Task<IReadOnlyCollection<string>> SyncManyAsync(
        IReadOnlyCollection<(GraduateRecord Graduate, DateOnly? StatusChangesOn)> graduates, Func<GraduateRecord, CancellationToken, Task<bool>>? stillCurrent, CancellationToken cancellationToken)
    {
        var changed = new ConcurrentBag<Member>();
        var stale = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(graduates.DistinctBy(g => g.Graduate.Id, StringComparer.Ordinal), Options(cancellationToken), async (graduate, ct) =>
        {
            var entry = OperatorIndexRows.Of(graduate.Graduate, graduate.StatusChangesOn);
            var found = await Counters.GetEntityIfExistsAsync<TableEntity>(ShardOf(graduate.Graduate.Id), MemberPrefix + graduate.Graduate.Id, cancellationToken: ct);
            var existing = found.HasValue ? found.Value : null;
            if (existing?.GetString("Fingerprint") == entry.Fingerprint)
            {
                return;
            }

            if (stillCurrent is null || await stillCurrent(graduate.Graduate, ct))
            {
                changed.Add(new Member(graduate.Graduate, entry, existing));
            }
            else
            {
                stale.Add(graduate.Graduate.Id);
            }
        });
        var members = changed.OrderBy(m => m.Graduate.Id, StringComparer.Ordinal).ToList();
        await WriteRowsAsync(members.SelectMany(m => m.Entry.Rows), cancellationToken);
        var counted = await CountAllAsync(members, stillCurrent, cancellationToken);
        // The rows a member left, once their membership says so: deleted before, they could be rows a newer state of
        // the graduate (a concurrent sync that wins the membership) wants, and nothing would write them again.
        await DeleteRowsAsync(counted.Committed.SelectMany(m => m.Unwanted), cancellationToken);
        return [.. stale, .. counted.Failed];
    }

    private static ParallelOptions Options(CancellationToken cancellationToken) => new() { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };

    /// <summary>Index rows upserted 100 to a transaction per partition; answers the calls made.</summary>
    private async Task<int> WriteRowsAsync(IEnumerable<TableEntity> rows, CancellationToken cancellationToken)
    {
        using var phase = ImportTrace.Phase("index");
        var calls = 0;
        var batches = rows.GroupBy(r => r.PartitionKey, StringComparer.Ordinal)
            .SelectMany(g => g.DistinctBy(r => r.RowKey, StringComparer.Ordinal).Chunk(BatchLimit)).ToList();
        await Parallel.ForEachAsync(batches, Options(cancellationToken), async (batch, ct) =>
        {
            Interlocked.Increment(ref calls);
            await storage.Transactions.SubmitAsync(Index, batch.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), ct);
        });
        return calls;
    }

    /// <summary>Index rows (addresses) deleted 100 to a transaction per partition; a batch that meets a row already gone is deleted one by one.</summary>
    private async Task DeleteRowsAsync(IEnumerable<string> addresses, CancellationToken cancellationToken)
    {
        var batches = addresses.Distinct(StringComparer.Ordinal).Select(address => address.Split('\n', 2)).Where(parts => parts.Length == 2)
            .GroupBy(parts => parts[0], StringComparer.Ordinal).SelectMany(g => g.Chunk(BatchLimit)).ToList();
        await Parallel.ForEachAsync(batches, Options(cancellationToken), async (batch, ct) =>
        {
            try
            {
                await storage.Transactions.SubmitAsync(Index, batch.Select(parts => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(parts[0], parts[1]), ETag.All)), ct);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 404)
            {
                await DeleteAsync(batch.Select(parts => parts[0] + "\n" + parts[1]), ct);
            }
        });
    }

    /// <summary>What the counting did: calls made, members committed by a batch, graduates left unsynced.</summary>
    private sealed class Counted
    {
        private int calls;

        public int Calls => Volatile.Read(ref calls);

        public ConcurrentBag<Member> Committed { get; } = [];

        public ConcurrentBag<string> Failed { get; } = [];

        public void Add(int count) => Interlocked.Add(ref calls, count);
    }

    /// <summary>Memberships and counters, shard by shard (a member that falls back to the one-by-one sync is checked by <paramref name="stillCurrent"/> again first).</summary>
    private async Task<Counted> CountAllAsync(IReadOnlyList<Member> members, Func<GraduateRecord, CancellationToken, Task<bool>>? stillCurrent, CancellationToken cancellationToken)
    {
        using var phase = ImportTrace.Phase("counters");
        var counted = new Counted();
        var shards = members.GroupBy(m => ShardOf(m.Graduate.Id), StringComparer.Ordinal).ToList();
        await Parallel.ForEachAsync(shards, Options(cancellationToken), async (shard, ct) =>
        {
            var counters = new Dictionary<string, TableEntity?>(StringComparer.Ordinal);
            foreach (var batch in CounterBatches(shard))
            {
                await CountAsync(shard.Key, batch, counters, stillCurrent, counted, ct);
            }
        });
        return counted;
    }

    /// <summary>
    /// A shard's members cut into transactions of at most 100 actions: each member's row, their calendar-move row,
    /// and one row per counter the batch may move (their old facets and their new ones).
    /// </summary>
    private static IEnumerable<List<Member>> CounterBatches(IEnumerable<Member> members)
    {
        var batch = new List<Member>();
        var facets = new HashSet<string>(StringComparer.Ordinal);
        var rows = 0;
        foreach (var member in members)
        {
            var own = member.Entry.StatusChangesOn is null ? 1 : 2;
            var touched = member.Entry.Facets.Concat(member.OldFacets).Distinct(StringComparer.Ordinal).ToList();
            if (batch.Count > 0 && rows + own + facets.Count + touched.Count(f => !facets.Contains(f)) > BatchLimit)
            {
                yield return batch;
                (batch, facets, rows) = ([], new HashSet<string>(StringComparer.Ordinal), 0);
            }

            batch.Add(member);
            facets.UnionWith(touched);
            rows += own;
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    /// <summary>
    /// One batch: the counters it moves (as carried in <paramref name="counters"/>, point-read when not known),
    /// memberships written and counters moved in one transaction, then the calendar-move rows the members left. A
    /// counter another writer moved is read again and the batch retried; a membership that changed since it was read
    /// sends the batch to the one-by-one sync — a member whose profile no longer gives the index being synced goes to the
    /// outbox instead (a membership that moved is the sign of a newer change). Adds the calls made (the one-by-one
    /// sync's not counted) to <paramref name="counted"/>.
    /// </summary>
    private async Task CountAsync(
        string shard, IReadOnlyList<Member> batch, Dictionary<string, TableEntity?> counters, Func<GraduateRecord, CancellationToken, Task<bool>>? stillCurrent, Counted counted, CancellationToken cancellationToken)
    {
        var calls = 0;
        var deltas = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var member in batch)
        {
            foreach (var facet in member.OldFacets)
            {
                deltas[CounterPrefix + facet] = deltas.GetValueOrDefault(CounterPrefix + facet) - 1;
            }

            foreach (var facet in member.Entry.Facets)
            {
                deltas[CounterPrefix + facet] = deltas.GetValueOrDefault(CounterPrefix + facet) + 1;
            }
        }

        var moved = deltas.Where(d => d.Value != 0).ToDictionary(StringComparer.Ordinal);
        var committed = await RetryPolicy.RunAsync(
            async token =>
            {
                calls += await ReadCountersAsync(shard, moved.Keys.Where(key => !counters.ContainsKey(key)).ToList(), counters, token) + 1;
                try
                {
                    return await TryCountBatchAsync(shard, batch, moved, counters, token);
                }
                catch (ConcurrentChangeException)
                {
                    counters.Clear();
                    throw;
                }
            },
            () => false,
            cancellationToken);
        if (committed)
        {
            foreach (var member in batch)
            {
                counted.Committed.Add(member);
            }

            foreach (var member in batch.Where(m => MoveDay(m.Existing) is { } before && before != m.Entry.StatusChangesOn))
            {
                // The old move row, after the commit (it may be gone already); one left behind costs an idle sync on its day, then goes.
                calls++;
                await ForgetMoveAsync(shard, MoveKey(MoveDay(member.Existing)!.Value, member.Graduate.Id), ETag.All, cancellationToken);
            }

            counted.Add(calls);
            return;
        }

        counters.Clear();
        foreach (var member in batch)
        {
            try
            {
                if (stillCurrent is not null && !await stillCurrent(member.Graduate, cancellationToken))
                {
                    counted.Failed.Add(member.Graduate.Id);
                    continue;
                }

                await SyncAsync(member.Graduate, member.Entry.StatusChangesOn, cancellationToken);
            }
            catch (ConcurrentChangeException)
            {
                counted.Failed.Add(member.Graduate.Id);
            }
        }

        counted.Add(calls + batch.Count);
    }

    /// <summary>Point-reads the named counter rows of a shard into <paramref name="counters"/> (null: not there yet); answers the calls made.</summary>
    private async Task<int> ReadCountersAsync(string shard, IReadOnlyList<string> keys, Dictionary<string, TableEntity?> counters, CancellationToken cancellationToken)
    {
        var read = await Task.WhenAll(keys.Select(key => Counters.GetEntityIfExistsAsync<TableEntity>(shard, key, cancellationToken: cancellationToken)));
        foreach (var (key, found) in keys.Zip(read))
        {
            counters[key] = found.HasValue ? found.Value : null;
        }

        return keys.Count;
    }

    /// <summary>
    /// True when the batch committed (the moved counters' new values and ETags then replace those in
    /// <paramref name="counters"/>), false when a membership changed since it was read (or appeared); throws
    /// <see cref="ConcurrentChangeException"/> when only a counter moved.
    /// </summary>
    private async Task<bool> TryCountBatchAsync(string shard, IReadOnlyList<Member> batch, Dictionary<string, long> deltas, Dictionary<string, TableEntity?> counters, CancellationToken cancellationToken)
    {
        var actions = batch.Select(m => m.Existing is { } existing
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, Membership(shard, m.Graduate.Id, m.Entry), existing.ETag)
            : new TableTransactionAction(TableTransactionActionType.Add, Membership(shard, m.Graduate.Id, m.Entry))).ToList();
        // Upserted even when the day is unchanged: a move row the daily pass removed comes back.
        actions.AddRange(batch.Where(m => m.Entry.StatusChangesOn is not null).Select(m => new TableTransactionAction(TableTransactionActionType.UpsertReplace, MoveRow(shard, m.Entry.StatusChangesOn!.Value, m.Graduate.Id))));
        var moved = new List<TableEntity>();
        foreach (var (key, delta) in deltas)
        {
            var current = counters[key];
            var row = new TableEntity(shard, key) { ["Count"] = (current?.GetInt64("Count") ?? 0) + delta };
            moved.Add(row);
            actions.Add(current is null ? new(TableTransactionActionType.Add, row) : new(TableTransactionActionType.UpdateReplace, row, current.ETag));
        }

        try
        {
            var answers = await storage.Transactions.SubmitAsync(Counters, actions, cancellationToken);
            CarryCounters(moved, answers.Skip(actions.Count - moved.Count).ToList(), counters);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            // The failed action's index tells a membership (the first batch.Count actions) from a counter (the
            // calendar-move rows between them are upserts, which none of these fails).
            return ex.FailedTransactionActionIndex is { } failed && failed >= batch.Count ? throw new ConcurrentChangeException("A counter moved under the batch.", ex) : false;
        }
    }

    /// <summary>The committed counters as the next batch's starting point; one whose answer carries no ETag is forgotten (read again when needed).</summary>
    private static void CarryCounters(IReadOnlyList<TableEntity> moved, IReadOnlyList<ETag?> answers, Dictionary<string, TableEntity?> counters)
    {
        for (var i = 0; i < moved.Count; i++)
        {
            if (answers.Count == moved.Count && answers[i] is { } etag)
            {
                moved[i].ETag = etag;
                counters[moved[i].RowKey] = moved[i];
            }
            else
            {
                counters.Remove(moved[i].RowKey);
            }
        }
    }
}
