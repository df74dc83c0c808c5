using Azure;
using Azure.Data.Tables;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// Keeps the operators' index and the dashboard counters in step with one graduate (ADR 0015). The
/// index rows are upserted first (idempotent), rows the graduate no longer has are deleted, then one
/// transaction in the graduate's counter shard replaces their membership row (what they are indexed
/// and counted under) and moves the counters — ETag-conditional, so a repeated or concurrent sync never
/// counts twice. A sync that finds the membership's fingerprint unchanged costs one point read.
/// </summary>
public sealed class OperatorIndex(StorageClients storage)
{
    public const int Shards = 32;
    public const string MemberPrefix = "m|";
    public const string CounterPrefix = "c|";
    public const string CounterEnd = "c}";

    private TableClient Index => storage.Table(StorageNames.OperatorIndexTable);

    private TableClient Counters => storage.Table(StorageNames.OperatorCountersTable);

    /// <summary>The counter shard of a graduate (stable: FNV-1a of the id).</summary>
    public static string ShardOf(string graduateId)
    {
        var hash = 2166136261u;
        foreach (var c in graduateId)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return ShardName((int)(hash % Shards));
    }

    public static string ShardName(int shard) => "b" + shard.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);

    public Task SyncAsync(GraduateRecord graduate, CancellationToken cancellationToken) => SyncAsync(graduate, rewriteRows: false, cancellationToken);

    /// <summary>
    /// As <see cref="SyncAsync(GraduateRecord, CancellationToken)"/>; with <paramref name="rewriteRows"/> the index rows are
    /// written even when the membership says nothing changed (a re-sync repairing rows that were lost). The counters
    /// still move only when the membership changes, so a re-sync never counts a graduate twice. Bounded and jittered
    /// by the one retry policy; a sync that keeps losing leaves the outbox to run it again.
    /// </summary>
    public Task SyncAsync(GraduateRecord graduate, bool rewriteRows, CancellationToken cancellationToken) =>
        RetryPolicy.RunAsync(token => SyncOnceAsync(graduate, rewriteRows, token), () => throw new ConcurrentChangeException("The operators' index of a graduate kept changing under its sync; the outbox retries it."), cancellationToken);

    private async Task<bool> SyncOnceAsync(GraduateRecord graduate, bool rewriteRows, CancellationToken cancellationToken)
    {
        var entry = OperatorIndexRows.Of(graduate);
        var wanted = entry.Rows.Select(OperatorIndexRows.Address).ToHashSet(StringComparer.Ordinal);
        var shard = ShardOf(graduate.Id);
        var found = await Counters.GetEntityIfExistsAsync<TableEntity>(shard, MemberPrefix + graduate.Id, cancellationToken: cancellationToken);
        var member = found.HasValue ? found.Value : null;
        var unchanged = member?.GetString("Fingerprint") == entry.Fingerprint;
        if (unchanged && !rewriteRows)
        {
            return true;
        }

        await Task.WhenAll(entry.Rows.Select(row => Index.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken)));
        if (unchanged)
        {
            return true;
        }

        await DeleteAsync(Lines(member?.GetString("Rows")).Except(wanted), cancellationToken);
        return await TryCountAsync(shard, graduate.Id, member, entry, cancellationToken) ? true : throw new ConcurrentChangeException();
    }

    /// <summary>
    /// Indexes graduates just registered by an import, in few calls: index rows 100 to a transaction per
    /// partition, then per counter shard (shards in parallel, one shard's batches in turn) the new
    /// membership rows and the moved counters in one transaction. A batch that meets a membership already
    /// there (a chunk run again) or a counter moved meanwhile falls back to the one-by-one sync, which is
    /// idempotent. Answers the number of storage calls made.
    /// </summary>
    public async Task<int> SyncNewAsync(IReadOnlyCollection<GraduateRecord> graduates, CancellationToken cancellationToken)
    {
        var calls = 0;
        var entries = graduates.Select(g => (Graduate: g, Entry: OperatorIndexRows.Of(g))).ToList();
        var batches = entries.SelectMany(e => e.Entry.Rows).GroupBy(r => r.PartitionKey, StringComparer.Ordinal)
            .SelectMany(g => g.DistinctBy(r => r.RowKey, StringComparer.Ordinal).Chunk(BatchLimit)).ToList();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (batch, ct) =>
        {
            Interlocked.Increment(ref calls);
            await Index.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), ct);
        });

        var shards = entries.GroupBy(e => ShardOf(e.Graduate.Id), StringComparer.Ordinal).ToList();
        await Parallel.ForEachAsync(shards, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (shard, ct) =>
        {
            foreach (var chunk in shard.Chunk(MembersPerBatch))
            {
                Interlocked.Add(ref calls, await CountNewAsync(shard.Key, chunk, ct));
            }
        });
        return calls;
    }

    private const int BatchLimit = 100;
    private const int Parallelism = 16;

    /// <summary>New members and every counter they move, within one transaction's 100 actions (at most 40 + the facets' values).</summary>
    private const int MembersPerBatch = 40;

    /// <summary>
    /// One batch of new members: counters read, memberships added and counters moved in one transaction. A counter
    /// another import chunk moved meanwhile (412, or 409 on a counter row both added) is read again and the batch
    /// retried; a membership already there (a chunk run again) sends the batch to the one-by-one sync.
    /// </summary>
    private async Task<int> CountNewAsync(string shard, IReadOnlyList<(GraduateRecord Graduate, OperatorIndexRows Entry)> chunk, CancellationToken cancellationToken)
    {
        var calls = 0;
        var counted = await RetryPolicy.RunAsync(
            async token =>
            {
                calls += 2;
                return await TryCountNewAsync(shard, chunk, token);
            },
            () => false,
            cancellationToken);
        if (counted)
        {
            return calls;
        }

        foreach (var (graduate, _) in chunk)
        {
            await SyncAsync(graduate, cancellationToken);
        }

        return calls + chunk.Count;
    }

    /// <summary>True when the batch committed, false when a membership exists; throws <see cref="ConcurrentChangeException"/> when only a counter moved.</summary>
    private async Task<bool> TryCountNewAsync(string shard, IReadOnlyList<(GraduateRecord Graduate, OperatorIndexRows Entry)> chunk, CancellationToken cancellationToken)
    {
        var counters = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        await foreach (var row in Counters.QueryAsync<TableEntity>($"PartitionKey eq '{shard}' and RowKey ge '{CounterPrefix}' and RowKey lt '{CounterEnd}'", cancellationToken: cancellationToken))
        {
            counters[row.RowKey] = row;
        }

        var deltas = chunk.SelectMany(c => c.Entry.Facets).GroupBy(f => CounterPrefix + f, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
        var actions = chunk.Select(c => new TableTransactionAction(TableTransactionActionType.Add, Membership(shard, c.Graduate.Id, c.Entry))).ToList();
        foreach (var (key, delta) in deltas)
        {
            var current = counters.GetValueOrDefault(key);
            var row = new TableEntity(shard, key) { ["Count"] = (current?.GetInt64("Count") ?? 0) + delta };
            actions.Add(current is null ? new(TableTransactionActionType.Add, row) : new(TableTransactionActionType.UpdateReplace, row, current.ETag));
        }

        try
        {
            await Counters.SubmitTransactionAsync(actions, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            // The failed action's index tells a membership (the first chunk.Count actions) from a counter.
            return ex.FailedTransactionActionIndex is { } failed && failed >= chunk.Count ? throw new ConcurrentChangeException("A counter moved under the batch.", ex) : false;
        }
    }

    private static TableEntity Membership(string shard, string graduateId, OperatorIndexRows entry) => new(shard, MemberPrefix + graduateId)
    {
        ["Rows"] = string.Join('\u001e', entry.Rows.Select(OperatorIndexRows.Address)),
        ["Facets"] = string.Join('\u001e', entry.Facets),
        ["Fingerprint"] = entry.Fingerprint,
    };

    /// <summary>Replaces the membership row and moves the counters in one transaction; false when another sync got there first.</summary>
    private async Task<bool> TryCountAsync(string shard, string graduateId, TableEntity? member, OperatorIndexRows entry, CancellationToken cancellationToken)
    {
        var deltas = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var facet in Lines(member?.GetString("Facets")))
        {
            deltas[facet] = deltas.GetValueOrDefault(facet) - 1;
        }

        foreach (var facet in entry.Facets)
        {
            deltas[facet] = deltas.GetValueOrDefault(facet) + 1;
        }

        var membership = Membership(shard, graduateId, entry);
        var actions = new List<TableTransactionAction>
        {
            member is null ? new(TableTransactionActionType.Add, membership) : new(TableTransactionActionType.UpdateReplace, membership, member.ETag),
        };
        var moved = deltas.Where(d => d.Value != 0).ToList();
        var counters = await Task.WhenAll(moved.Select(d => Counters.GetEntityIfExistsAsync<TableEntity>(shard, CounterPrefix + d.Key, cancellationToken: cancellationToken)));
        for (var i = 0; i < moved.Count; i++)
        {
            var current = counters[i].HasValue ? counters[i].Value : null;
            var row = new TableEntity(shard, CounterPrefix + moved[i].Key) { ["Count"] = (current?.GetInt64("Count") ?? 0) + moved[i].Value };
            actions.Add(current is null ? new(TableTransactionActionType.Add, row) : new(TableTransactionActionType.UpdateReplace, row, current.ETag));
        }

        try
        {
            await Counters.SubmitTransactionAsync(actions, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    private async Task DeleteAsync(IEnumerable<string> addresses, CancellationToken cancellationToken)
    {
        await Task.WhenAll(addresses.ToList().Select(async address =>
        {
            var parts = address.Split('\n', 2);
            try
            {
                await Index.DeleteEntityAsync(parts[0], parts[1], ETag.All, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
            }
        }));
    }

    private static IEnumerable<string> Lines(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.Split('\u001e');
}
