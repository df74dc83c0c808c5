using Azure;
using Azure.Data.Tables;
using Otrabotka.Domain;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// The operators' review queue: one row per document awaiting review, oldest first, in its own table.
/// Kept from each status change, idempotently (an upsert or a delete that may find nothing).
/// </summary>
public sealed class ReviewQueue(StorageClients storage)
{
    public const string Partition = "awaiting-review";
    public const int PageSize = 50;

    private TableClient Table => storage.Table(StorageNames.ReviewQueueTable);

    public static string RowKey(Document document) => $"{document.ReceivedAt.UtcTicks:D19}|{document.Id}";

    public async Task SyncAsync(GraduateRecord graduate, Document document, CancellationToken cancellationToken)
    {
        if (document.Status != DocumentStatus.AwaitingReview)
        {
            await Table.DeleteEntityAsync(Partition, RowKey(document), ETag.All, cancellationToken);
            return;
        }

        var region = document.Claim is EmploymentClaim job ? job.Workplace.Region : graduate.Region;
        var row = new TableEntity(Partition, RowKey(document))
        {
            ["GraduateId"] = graduate.Id,
            ["DocumentId"] = document.Id,
            ["Kind"] = Wire.Name(document.Kind),
            ["Category"] = Wire.Name(graduate.Obligation.Category),
            ["Region"] = region is { } known ? Wire.Name(known) : null,
            ["ReceivedAt"] = document.ReceivedAt,
        };
        await Table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>A page of the queue, oldest first, filtered; BadToken when the continuation token is not ours.</summary>
    public async Task<(Paged<ReviewItem>? Page, bool BadToken)> PageAsync(ReviewFilter filter, DateTimeOffset now, string? continuationToken, CancellationToken cancellationToken)
    {
        var clauses = new List<string> { $"PartitionKey eq '{Partition}'" };
        GraduateData.AddEquals(clauses, "Kind", filter.Kind);
        GraduateData.AddEquals(clauses, "Category", filter.Category);
        GraduateData.AddEquals(clauses, "Region", filter.Region);
        if (filter.WaitingDays is { } days)
        {
            clauses.Add($"RowKey lt '{now.AddDays(-days).UtcTicks:D19}'");
        }

        var (page, bad) = await TablePages.FirstAsync(Table, string.Join(" and ", clauses), continuationToken, PageSize, cancellationToken);
        if (bad || page is null)
        {
            return (bad ? null : new Paged<ReviewItem>([], null), bad);
        }

        return (new Paged<ReviewItem>(page.Values.Select(row => Item(row, now)).ToList(), page.ContinuationToken), false);
    }

    private static ReviewItem Item(TableEntity row, DateTimeOffset now)
    {
        var receivedAt = row.GetDateTimeOffset("ReceivedAt") ?? default;
        return new ReviewItem(
            row.GetString("DocumentId")!, row.GetString("GraduateId")!,
            Wire.TryParse<DocumentKind>(row.GetString("Kind"), out var kind) ? kind : default,
            Wire.TryParse<Category>(row.GetString("Category"), out var category) ? category : default,
            Wire.TryParse<Region>(row.GetString("Region"), out var region) ? region : null,
            receivedAt, (int)(now - (row.GetDateTimeOffset("ReceivedAt") ?? now)).TotalDays);
    }
}
