using System.Globalization;
using Azure.Data.Tables;
using Otrabotka.Functions.UseCases;
using Otrabotka.Functions.UseCases.OperatorDesk;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// The operators' audit trail (table operatoraudit): append-only — rows are only ever added, under a
/// new key, never updated or deleted, and no route changes them. Each entry is written twice, under its
/// day (<c>d</c>yyyyMMdd) and under its graduate (<c>g</c>graduateId), newest first by key.
/// </summary>
public sealed class OperatorAuditLog(StorageClients storage, TimeProvider time)
{
    public const string DayPrefix = "d";
    public const string GraduatePrefix = "g";

    private TableClient Table => storage.Table(StorageNames.OperatorAuditTable);

    public async Task AppendAsync(string actorId, string role, string action, string? graduateId, string? documentId, string? detail, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var id = (DateTimeOffset.MaxValue.UtcTicks - now.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..12];
        var partitions = new List<string> { DayPartition(DateOnly.FromDateTime(now.UtcDateTime)) };
        if (graduateId is not null && GraduateData.SafeKey(graduateId))
        {
            partitions.Add(GraduatePrefix + graduateId);
        }

        await Task.WhenAll(partitions.Select(partition => Table.AddEntityAsync(new TableEntity(partition, id)
        {
            ["At"] = now,
            ["ActorId"] = actorId,
            ["Role"] = role,
            ["Action"] = action,
            ["GraduateId"] = graduateId,
            ["DocumentId"] = documentId,
            ["Detail"] = detail,
        }, cancellationToken)));
    }

    public static string DayPartition(DateOnly day) => DayPrefix + day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public async Task<(Paged<AuditEntryView>? Page, bool BadToken)> PageAsync(string partition, string? continuationToken, int size, CancellationToken cancellationToken)
    {
        var (page, bad) = await TablePages.FirstAsync(Table, "PartitionKey eq " + OperatorIndexReader.Literal(partition), continuationToken, size, cancellationToken);
        if (bad)
        {
            return (null, true);
        }

        var items = (page?.Values ?? []).Select(e => new AuditEntryView(
            e.RowKey, e.GetDateTimeOffset("At") ?? default, e.GetString("ActorId") ?? "", e.GetString("Role") ?? "", e.GetString("Action") ?? "",
            e.GetString("GraduateId"), e.GetString("DocumentId"), e.GetString("Detail"))).ToList();
        return (new Paged<AuditEntryView>(items, page?.ContinuationToken), false);
    }
}
