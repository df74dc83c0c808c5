using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Otrabotka.Domain;
using Otrabotka.Functions.Storage;

using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Storage;

/// <summary>A feed review item as an operator sees it: one per (graduate, BIN), every month so far, and why.</summary>
public sealed record FeedReviewItem(string GraduateId, string EmployerBin, string EmployerName, IReadOnlyList<ReasonView> Reasons, IReadOnlyList<string> Months, DateTimeOffset UpdatedAt);

/// <summary>A cross-check flag as an operator sees it.</summary>
public sealed record FeedFlagItem(string GraduateId, string Code, string Message, string EmployerBin, IReadOnlyList<string> Months, string? DocumentId, DateTimeOffset UpdatedAt);

/// <summary>
/// The operators' view of what the feed could not credit (review items) and what it says against the documents
/// (flags): rows in two tables (PartitionKey "review"/"flag", RowKey graduate|BIN…) kept in step with each
/// graduate's feed state — written before the graduate's own commit, so a crash between them is repaired by the retry.
/// </summary>
public sealed class FeedFindings(StorageClients storage, TimeProvider time)
{
    public const string ReviewPartition = "review";
    public const string FlagPartition = "flag";
    public const string WatchPartition = "watch";
    public const int PageSize = 200;

    private TableClient Reviews => storage.Table(StorageNames.FeedReviewsTable);

    private TableClient Flags => storage.Table(StorageNames.FeedFlagsTable);

    public async Task SyncAsync(string graduateId, FeedState old, FeedAssessment now, IReadOnlyDictionary<string, string> namesInFile, CancellationToken cancellationToken)
    {
        var oldReviews = old.Reviews.ToDictionary(r => r.Bin, r => Serialize(r), StringComparer.Ordinal);
        foreach (var review in now.Reviews.Where(r => oldReviews.GetValueOrDefault(r.EmployerBin.Value) != Serialize(Of(r))))
        {
            var row = new TableEntity(ReviewPartition, $"{graduateId}|{review.EmployerBin.Value}")
            {
                ["GraduateId"] = graduateId,
                ["Bin"] = review.EmployerBin.Value,
                ["Reasons"] = Serialize(review.Reasons.Select(r => new StoredReason(r.Code, r.Message))),
                ["Months"] = Serialize(review.Months.Select(m => m.ToString())),
                ["UpdatedAt"] = time.GetUtcNow(),
            };

            // A re-assessment without a file keeps the name the last file gave (the row is merged).
            if (namesInFile.GetValueOrDefault(review.EmployerBin.Value) is { } name)
            {
                row["EmployerName"] = name;
            }

            await Reviews.UpsertEntityAsync(row, TableUpdateMode.Merge, cancellationToken);
        }

        foreach (var gone in old.Reviews.Where(r => now.Reviews.All(n => n.EmployerBin.Value != r.Bin)))
        {
            await Reviews.DeleteEntityAsync(ReviewPartition, $"{graduateId}|{gone.Bin}", ETag.All, cancellationToken);
        }

        await SyncFlagsAsync(graduateId, old, now, cancellationToken);
        await SyncWatchAsync(graduateId, old, now.State, cancellationToken);
    }

    /// <summary>One page of watched employers whose last paid month is no later than <paramref name="through"/>, and the continuation.</summary>
    public async Task<(IReadOnlyList<string> GraduateIds, string? Continuation)> WatchedAsync(FeedMonth through, string? continuation, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {WatchPartition} and LastPaid le {through.ToString()}");
        await foreach (var page in Flags.QueryAsync<TableEntity>(filter, maxPerPage: PageSize, select: ["GraduateId"], cancellationToken: cancellationToken).AsPages(continuation))
        {
            return ([.. page.Values.Select(r => r.GetString("GraduateId") ?? "").Where(GraduateData.SafeKey).Distinct(StringComparer.Ordinal)], page.ContinuationToken);
        }

        return ([], null);
    }

    public async Task<IReadOnlyList<FeedReviewItem>> ReviewsAsync(Language language, CancellationToken cancellationToken)
    {
        var items = new List<FeedReviewItem>();
        await foreach (var row in Reviews.QueryAsync<TableEntity>(e => e.PartitionKey == ReviewPartition, maxPerPage: PageSize, cancellationToken: cancellationToken))
        {
            var reasons = JsonSerializer.Deserialize<List<StoredReason>>(row.GetString("Reasons") ?? "[]", Json.Options) ?? [];
            items.Add(new FeedReviewItem(row.GetString("GraduateId") ?? "", row.GetString("Bin") ?? "", row.GetString("EmployerName") ?? "",
                [.. reasons.Select(r => new ReasonView(r.Code, r.Message.In(language)))], JsonSerializer.Deserialize<List<string>>(row.GetString("Months") ?? "[]") ?? [],
                row.GetDateTimeOffset("UpdatedAt") ?? default));
            if (items.Count == PageSize)
            {
                break;
            }
        }

        return items;
    }

    public async Task<IReadOnlyList<FeedFlagItem>> FlagsAsync(Language language, CancellationToken cancellationToken)
    {
        var items = new List<FeedFlagItem>();
        await foreach (var row in Flags.QueryAsync<TableEntity>(e => e.PartitionKey == FlagPartition, maxPerPage: PageSize, cancellationToken: cancellationToken))
        {
            var message = JsonSerializer.Deserialize<Text>(row.GetString("Message") ?? "null", Json.Options);
            items.Add(new FeedFlagItem(row.GetString("GraduateId") ?? "", row.GetString("Code") ?? "", message?.In(language) ?? "", row.GetString("Bin") ?? "",
                JsonSerializer.Deserialize<List<string>>(row.GetString("Months") ?? "[]") ?? [], row.GetString("DocumentId"), row.GetDateTimeOffset("UpdatedAt") ?? default));
            if (items.Count == PageSize)
            {
                break;
            }
        }

        return items;
    }

    private async Task SyncFlagsAsync(string graduateId, FeedState old, FeedAssessment now, CancellationToken cancellationToken)
    {
        var oldFlags = old.Flags.ToDictionary(f => f.Key, f => Serialize(f.Months), StringComparer.Ordinal);
        foreach (var flag in now.Flags.Where(f => oldFlags.GetValueOrDefault(f.Key) != Serialize(f.Months.Select(m => m.ToString()))))
        {
            await Flags.UpsertEntityAsync(new TableEntity(FlagPartition, FlagKey(graduateId, flag.Key))
            {
                ["GraduateId"] = graduateId,
                ["Code"] = flag.Reason.Code,
                ["Message"] = Serialize(flag.Reason.Message),
                ["Bin"] = flag.EmployerBin.Value,
                ["Months"] = Serialize(flag.Months.Select(m => m.ToString())),
                ["DocumentId"] = flag.DocumentId,
                ["UpdatedAt"] = time.GetUtcNow(),
            }, TableUpdateMode.Replace, cancellationToken);
        }

        foreach (var gone in old.Flags.Where(f => now.Flags.All(n => n.Key != f.Key)))
        {
            await Flags.DeleteEntityAsync(FlagPartition, FlagKey(graduateId, gone.Key), ETag.All, cancellationToken);
        }
    }

    /// <summary>The watched employers (graduate|BIN, last paid month) the stop sweep reads; a stop told or a new paid month moves them.</summary>
    private async Task SyncWatchAsync(string graduateId, FeedState old, FeedState now, CancellationToken cancellationToken)
    {
        var before = old.Watching.ToDictionary(w => w.Bin, w => w.LastPaid, StringComparer.Ordinal);
        foreach (var watch in now.Watching.Where(w => before.GetValueOrDefault(w.Bin) != w.LastPaid))
        {
            await Flags.UpsertEntityAsync(new TableEntity(WatchPartition, FlagKey(graduateId, watch.Bin))
            {
                ["GraduateId"] = graduateId,
                ["Bin"] = watch.Bin,
                ["LastPaid"] = watch.LastPaid,
            }, TableUpdateMode.Replace, cancellationToken);
        }

        foreach (var gone in old.Watching.Where(w => now.Watching.All(n => n.Bin != w.Bin)))
        {
            await Flags.DeleteEntityAsync(WatchPartition, FlagKey(graduateId, gone.Bin), ETag.All, cancellationToken);
        }
    }

    private static FeedReviewState Of(FeedReview review) =>
        new(review.EmployerBin.Value, [.. review.Reasons.Select(x => x.Code)], [.. review.Months.Select(m => m.ToString())]);

    private static string FlagKey(string graduateId, string key) => $"{graduateId}|{key}";

    private static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Json.Options);

    /// <summary>A reason as a review row keeps it (its code and its text in the three languages).</summary>
    private sealed record StoredReason(string Code, Text Message);
}
