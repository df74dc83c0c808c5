using Azure.Data.Tables;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// Reads the counters index sync keeps (ADR 0015): one key-range query per shard for its counter rows
/// (never the membership rows, never a profile), summed. The cost is shards × facet values, whatever
/// the number of graduates.
/// </summary>
public sealed class OperatorCounters(StorageClients storage)
{
    /// <summary>How many failed notifications the dashboard counts at most (their list is its own route).</summary>
    public const int FailedCountCap = 1000;

    public async Task<CounterTotals> ReadAsync(CancellationToken cancellationToken)
    {
        var table = storage.Table(StorageNames.OperatorCountersTable);
        var shards = await Task.WhenAll(Enumerable.Range(0, OperatorIndex.Shards).Select(async shard =>
        {
            var rows = new List<(string Facet, long Count)>();
            var filter = $"PartitionKey eq '{OperatorIndex.ShardName(shard)}' and RowKey ge '{OperatorIndex.CounterPrefix}' and RowKey lt '{OperatorIndex.CounterEnd}'";
            await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey", "Count"], cancellationToken: cancellationToken))
            {
                rows.Add((row.RowKey[OperatorIndex.CounterPrefix.Length..], row.GetInt64("Count") ?? 0));
            }

            return rows;
        }));
        var totals = shards.SelectMany(s => s).GroupBy(r => r.Facet, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(r => r.Count), StringComparer.Ordinal);
        return new CounterTotals(totals, shards.Sum(s => s.Count));
    }

    /// <summary>Failed notifications counted up to <see cref="FailedCountCap"/> (one page of keys only): the count and whether it stopped there.</summary>
    public async Task<(int Count, bool Capped)> FailedNotificationsAsync(CancellationToken cancellationToken)
    {
        var table = storage.Table(StorageNames.FailedNotificationsTable);
        var filter = $"PartitionKey eq '{Notifications.FailedNotifications.Partition}'";
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: FailedCountCap, select: ["RowKey"], cancellationToken: cancellationToken).AsPages(pageSizeHint: FailedCountCap))
        {
            return (page.Values.Count, page.ContinuationToken is not null);
        }

        return (0, false);
    }
}
