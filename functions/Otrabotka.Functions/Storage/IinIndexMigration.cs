using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// Re-keys IIN index rows written before the index was keyed by HMAC (partition "iin" + two digits, the
/// IIN as row key): each is copied under <see cref="IinIndexKeys.For"/> and then deleted. Idempotent — a row
/// already copied is not copied again (the keyed row wins), a row already deleted is skipped — so it runs
/// at every start of both hosts, before any trigger or request (Program.cs; the local host's storage
/// set-up); once nothing is left it costs one empty range query.
/// </summary>
public sealed partial class IinIndexMigration(StorageClients storage, IinIndexKeys keys, ILogger<IinIndexMigration> logger)
{
    private static readonly HashSet<string> SystemProperties = ["PartitionKey", "RowKey", "Timestamp", "odata.etag"];

    /// <summary>Re-keys every legacy row; returns how many were moved.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var table = storage.Table(StorageNames.IinIndexTable);
        var moved = 0;
        try
        {
            await foreach (var legacy in table.QueryAsync<TableEntity>(IinIndexKeys.LegacyFilter, cancellationToken: cancellationToken))
            {
                moved += await MoveAsync(table, legacy, cancellationToken) ? 1 : 0;
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return 0;
        }

        if (moved > 0)
        {
            LogMoved(logger, moved);
        }

        return moved;
    }

    private async Task<bool> MoveAsync(TableClient table, TableEntity legacy, CancellationToken cancellationToken)
    {
        var (partition, row) = keys.For(legacy.RowKey);
        var keyed = new TableEntity(partition, row);
        foreach (var (name, value) in legacy.Where(p => !SystemProperties.Contains(p.Key)))
        {
            keyed[name] = value;
        }

        try
        {
            await table.AddEntityAsync(keyed, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Copied by an earlier run (or another instance) that stopped before the delete.
        }

        try
        {
            await table.DeleteEntityAsync(legacy.PartitionKey, legacy.RowKey, legacy.ETag, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Deleted by another instance, or changed since it was read: the next start looks again.
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "IIN index: {Count} legacy rows re-keyed by HMAC")]
    private static partial void LogMoved(ILogger logger, int count);
}
