using Azure;
using Azure.Data.Tables;
using Otrabotka.Functions.Adapters;

namespace Otrabotka.Functions.Storage;

/// <summary>Point reads and ETag-conditional records of outbox rows, and the operators' list of e-mails that failed for good.</summary>
public sealed class OutboxStore(StorageClients storage)
{
    public const string FailedPartition = "failed";

    private TableClient Graduates => storage.Table(StorageNames.GraduatesTable);

    public async Task<OutboxRow?> FindAsync(string graduateId, string notificationId, CancellationToken cancellationToken)
    {
        var found = await Graduates.GetEntityIfExistsAsync<TableEntity>(graduateId, OutboxRow.RowKeyFor(notificationId), cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } entity ? new OutboxRow(entity) : null;
    }

    /// <summary>
    /// The named rows of one graduate, in as few calls as the service allows: one point read for one row, else one
    /// query per <see cref="RowsPerQuery"/> rows (a partition-scoped filter of row keys; Table Storage accepts at most
    /// 15 comparisons in a filter). Rows that do not exist are left out.
    /// </summary>
    public async Task<IReadOnlyList<OutboxRow>> FindAllAsync(string graduateId, IReadOnlyList<string> notificationIds, CancellationToken cancellationToken)
    {
        if (notificationIds.Count == 1)
        {
            return await FindAsync(graduateId, notificationIds[0], cancellationToken) is { } row ? [row] : [];
        }

        var found = new List<OutboxRow>();
        foreach (var chunk in notificationIds.Chunk(RowsPerQuery))
        {
            var keys = string.Join(" or ", chunk.Select(id => TableClient.CreateQueryFilter($"RowKey eq {OutboxRow.RowKeyFor(id)}")));
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {graduateId}") + " and (" + keys + ")";
            await foreach (var entity in Graduates.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                found.Add(new OutboxRow(entity));
            }
        }

        return found;
    }

    /// <summary>Row keys per query: with the partition's comparison, 14 + 1 = the service's limit of 15.</summary>
    public const int RowsPerQuery = 14;

    /// <summary>False when a concurrent delivery of the same message recorded its outcome first (that outcome stands).</summary>
    public async Task<bool> SaveAsync(OutboxRow row, CancellationToken cancellationToken)
    {
        try
        {
            await Graduates.UpdateEntityAsync(row.Entity, row.Entity.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    /// <summary>
    /// Records several rows of one graduate in one transaction (ETag-conditional each); should one have been
    /// recorded by a concurrent delivery, each is recorded on its own. Answers the rows recorded here.
    /// </summary>
    public async Task<IReadOnlyList<OutboxRow>> SaveAllAsync(IReadOnlyList<OutboxRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count > 1)
        {
            try
            {
                await storage.Transactions.SubmitAsync(Graduates, rows.Select(row => new TableTransactionAction(TableTransactionActionType.UpdateReplace, row.Entity, row.Entity.ETag)), cancellationToken);
                return rows;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 412 or 404)
            {
                // Another delivery recorded one of them first; its outcome stands, the others are recorded below.
            }
        }

        var saved = new List<OutboxRow>();
        foreach (var row in rows)
        {
            if (await SaveAsync(row, cancellationToken))
            {
                saved.Add(row);
            }
        }

        return saved;
    }

    public Task ListFailedAsync(OutboxRow row, EmailResult result, DateTimeOffset at, CancellationToken cancellationToken) =>
        storage.Table(StorageNames.FailedNotificationsTable).UpsertEntityAsync(
            new TableEntity(FailedPartition, row.NotificationId)
            {
                ["GraduateId"] = row.GraduateId,
                ["To"] = row.Entity.GetString("To"),
                ["Subject"] = row.Entity.GetString("Subject"),
                ["LastStatusCode"] = result.StatusCode,
                ["LastError"] = result.Error,
                ["Attempts"] = row.Attempts,
                ["FailedAt"] = at,
            },
            TableUpdateMode.Replace,
            cancellationToken);
}
