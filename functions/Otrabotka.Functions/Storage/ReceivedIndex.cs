using System.Globalization;
using Azure.Data.Tables;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// Documents recorded as "received", by when: one row per document in the document index table's
/// "received" partition, keyed by time so the sweep reads only those past its bound. Written before the
/// document's own commit (a row naming a document that never committed is dropped by the sweep);
/// removed by the sweep once the document has moved on.
/// </summary>
public static class ReceivedIndex
{
    public const string Partition = "received";

    public sealed record Entry(string GraduateId, string DocumentId, string RowKey);

    public static Task AddAsync(StorageClients storage, string graduateId, string documentId, DateTimeOffset receivedAt, CancellationToken cancellationToken) =>
        storage.Table(StorageNames.DocumentIndexTable).UpsertEntityAsync(
            new TableEntity(Partition, Key(receivedAt) + "|" + documentId) { ["GraduateId"] = graduateId }, TableUpdateMode.Replace, cancellationToken);

    /// <summary>Entries for documents received before <paramref name="before"/>, oldest first.</summary>
    public static async IAsyncEnumerable<Entry> OlderThanAsync(StorageClients storage, DateTimeOffset before, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey lt {Key(before)}");
        await foreach (var row in storage.Table(StorageNames.DocumentIndexTable).QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var documentId = row.RowKey[(row.RowKey.IndexOf('|', StringComparison.Ordinal) + 1)..];
            yield return new Entry(row.GetString("GraduateId") ?? "", documentId, row.RowKey);
        }
    }

    public static Task RemoveAsync(StorageClients storage, Entry entry, CancellationToken cancellationToken) =>
        storage.Table(StorageNames.DocumentIndexTable).DeleteEntityAsync(Partition, entry.RowKey, cancellationToken: cancellationToken);

    private static string Key(DateTimeOffset at) => at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);
}
