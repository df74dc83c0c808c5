using Azure;
using Azure.Data.Tables;
using Otrabotka.Domain;
using Otrabotka.Functions.UseCases.OperatorDesk;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// Keeps the operators' index and the dashboard counters in step with one graduate (ADR 0015). The
/// index rows are upserted first (idempotent), rows the graduate no longer has are deleted, then one
/// transaction in the graduate's counter shard replaces their membership row (what they are indexed
/// and counted under) and moves the counters — ETag-conditional, so a repeated or concurrent sync never
/// counts twice. A sync that finds the membership's fingerprint unchanged costs one point read.
/// </summary>
public sealed partial class OperatorIndex(StorageClients storage, TimeProvider time)
{
    public const int Shards = 32;
    public const string MemberPrefix = "m|";
    public const string CounterPrefix = "c|";
    public const string CounterEnd = "c}";

    /// <summary>A graduate's next calendar move in their shard: <c>t|yyyy-MM-dd|graduateId</c> (ADR 0019).</summary>
    public const string MovePrefix = "t|";

    public static string MoveKey(DateOnly day, string graduateId) => MovePrefix + GraduateStore.Iso(day) + "|" + graduateId;

    private TableClient Index => storage.Table(StorageNames.OperatorIndexTable);

    private TableClient Counters => storage.Table(StorageNames.OperatorCountersTable);

    /// <summary>The counter shard of a graduate (stable: FNV-1a of the id).</summary>
    public static string ShardOf(string graduateId) => ShardName(ShardNumber(graduateId));

    /// <summary>The number (0 … <see cref="Shards"/> − 1) of the counter shard of a graduate id, or of any text.</summary>
    public static int ShardNumber(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return (int)(hash % Shards);
    }

    public static string ShardName(int shard) => "b" + shard.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Syncs one graduate; <paramref name="statusChangesOn"/> is the next day their status changes with the calendar alone (null: none known).</summary>
    public Task SyncAsync(GraduateRecord graduate, DateOnly? statusChangesOn, CancellationToken cancellationToken) => SyncAsync(graduate, statusChangesOn, rewriteRows: false, cancellationToken);

    /// <summary>
    /// As <see cref="SyncAsync(GraduateRecord, DateOnly?, CancellationToken)"/>; with <paramref name="rewriteRows"/> the index rows are
    /// written even when the membership says nothing changed (a re-sync repairing rows that were lost). The counters
    /// still move only when the membership changes, so a re-sync never counts a graduate twice. Bounded and jittered
    /// by the one retry policy; a sync that keeps losing leaves the outbox to run it again.
    /// </summary>
    public Task SyncAsync(GraduateRecord graduate, DateOnly? statusChangesOn, bool rewriteRows, CancellationToken cancellationToken) =>
        RetryPolicy.RunAsync(token => SyncOnceAsync(graduate, statusChangesOn, rewriteRows, token), () => throw new ConcurrentChangeException("The operators' index of a graduate kept changing under its sync; the outbox retries it."), cancellationToken);

    private async Task<bool> SyncOnceAsync(GraduateRecord graduate, DateOnly? statusChangesOn, bool rewriteRows, CancellationToken cancellationToken)
    {
        var entry = OperatorIndexRows.Of(graduate, statusChangesOn);
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

    private static TableEntity Membership(string shard, string graduateId, OperatorIndexRows entry) => new(shard, MemberPrefix + graduateId)
    {
        ["Rows"] = string.Join('\u001e', entry.Rows.Select(OperatorIndexRows.Address)),
        ["Facets"] = string.Join('\u001e', entry.Facets),
        ["Fingerprint"] = entry.Fingerprint,
        ["StatusChangesOn"] = entry.StatusChangesOn is { } day ? GraduateStore.Iso(day) : null,
    };

    private static TableEntity MoveRow(string shard, DateOnly day, string graduateId) => new(shard, MoveKey(day, graduateId)) { ["GraduateId"] = graduateId };

    private static DateOnly? MoveDay(TableEntity? member) =>
        DateOnly.TryParseExact(member?.GetString("StatusChangesOn"), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day) ? day : null;

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
        if (entry.StatusChangesOn is { } day)
        {
            // Upserted even when the day is unchanged: a move row the daily pass removed comes back.
            actions.Add(new(TableTransactionActionType.UpsertReplace, MoveRow(shard, day, graduateId)));
        }

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
            await storage.Transactions.SubmitAsync(Counters, actions, cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }

        if (MoveDay(member) is { } before && before != entry.StatusChangesOn)
        {
            // The old move row, after the commit (it may be gone already); one left behind costs an idle sync on its day, then goes.
            await ForgetMoveAsync(shard, MoveKey(before, graduateId), ETag.All, cancellationToken);
        }

        return true;
    }

    /// <summary>Deletes a calendar-move row if it is still as read; false when it was gone or had changed.</summary>
    public async Task<bool> ForgetMoveAsync(string shard, string rowKey, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await Counters.DeleteEntityAsync(shard, rowKey, etag, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }
    }

    /// <summary>
    /// Marks the calendar-move pass of a day as started (partition <c>moves</c>, which the dashboard never reads);
    /// false when a timer firing before got there first, so a timer that fires often queues a day's pass once.
    /// </summary>
    public async Task<bool> TryStartMovesAsync(DateOnly today, CancellationToken cancellationToken)
    {
        try
        {
            await Counters.AddEntityAsync(new TableEntity(MovesPartition, GraduateStore.Iso(today)) { ["StartedAt"] = time.GetUtcNow() }, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public const string MovesPartition = "moves";

    /// <summary>
    /// The graduates of one shard whose status moves with the calendar on or before <paramref name="today"/>: one key
    /// range of at most <paramref name="size"/> move rows (their row keys and ETags), and whether more follow.
    /// </summary>
    public async Task<(IReadOnlyList<(string GraduateId, string RowKey, ETag ETag)> Moves, bool More)> DueMovesAsync(string shard, DateOnly today, int size, CancellationToken cancellationToken)
    {
        var filter = $"PartitionKey eq '{shard}' and RowKey ge '{MovePrefix}' and RowKey lt '{MovePrefix}{GraduateStore.Iso(today.AddDays(1))}'";
        await foreach (var page in Counters.QueryAsync<TableEntity>(filter, maxPerPage: size, cancellationToken: cancellationToken).AsPages(pageSizeHint: size))
        {
            return (page.Values.Select(row => (row.GetString("GraduateId") ?? "", row.RowKey, row.ETag)).ToList(), page.ContinuationToken is not null);
        }

        return ([], false);
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
