using System.Globalization;
using Azure.Data.Tables;
using Otrabotka.Domain;
using Otrabotka.Functions.Storage;

using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// A stored feed month of one graduate: the latest report of (BIN, month), the file and job that wrote it. Its row key
/// is its own in the whole table, <c>feed|{BIN}|{month}|{graduateId}</c> (ADR 0022: Azurite finds a row by its row key
/// first, and a key shared by every graduate of an employer made each read and write walk all of them); a month read
/// under the old key <c>feed|{BIN}|{month}</c> keeps it (<see cref="StoredKey"/>), so old rows are updated in place.
/// </summary>
public sealed record StoredFeedMonth(Bin Bin, FeedMonth Month, bool Paid, DateTimeOffset ReceivedAt, string FileId, string? JobId)
{
    public const string Prefix = "feed|";

    /// <summary>The month's identity within the graduate's partition (BIN and month), whatever its row key.</summary>
    public string Key => KeyOf(Bin, Month);

    /// <summary>The row key the month was read under (the old or the new form); null for a month not yet stored.</summary>
    public string? StoredKey { get; init; }

    /// <summary>The row key before ADR 0022's paragraph on feed months: the same in the partition of every graduate of the employer.</summary>
    public static string KeyOf(Bin bin, FeedMonth month) => $"{Prefix}{bin.Value}|{month}";

    /// <summary>A new month's row key: the old form with the graduate's id appended, so the BIN and month order of the partition stays.</summary>
    public static string RowKeyOf(Bin bin, FeedMonth month, string graduateId) => $"{KeyOf(bin, month)}|{graduateId}";

    public ContributionMonth ToContribution(Iin iin) => new(iin, Bin, Month, Paid, ReceivedAt, FileId);

    public TableEntity ToEntity(string graduateId) => new(graduateId, StoredKey ?? RowKeyOf(Bin, Month, graduateId))
    {
        ["Paid"] = Paid,
        ["ReceivedAt"] = ReceivedAt,
        ["FileId"] = FileId,
        ["JobId"] = JobId,
    };

    /// <summary>A month row of either form (<c>feed|BIN|month</c>, or with the partition's graduate id appended); null for anything else.</summary>
    public static StoredFeedMonth? From(TableEntity entity)
    {
        var parts = entity.RowKey.Split('|');
        var form = parts.Length == 3 || (parts.Length == 4 && parts[3] == entity.PartitionKey);
        return form && Bin.Parse(parts[1]) is { IsValid: true } bin && FeedMonth.TryParse(parts[2], out var month)
            ? new StoredFeedMonth(bin.Value, month, entity.GetBoolean("Paid") ?? false, entity.GetDateTimeOffset("ReceivedAt") ?? default, entity.GetString("FileId") ?? "", entity.GetString("JobId"))
            {
                StoredKey = entity.RowKey,
            }
            : null;
    }
}

/// <summary>
/// The rows of a graduate's partition the feed needs, read with one query: the live rows as the repository reads them
/// (profile, documents, fingerprints, reminder plan — a unit the feed's commit can carry the replanned reminders and
/// the status snapshot in) and the feed months.
/// </summary>
public sealed record FeedPartition(GraduateUnit? Unit, IReadOnlyList<StoredFeedMonth> Months)
{
    public GraduateRecord? Graduate => Unit?.Graduate;

    public IReadOnlyList<Document> Documents => Unit?.Documents ?? [];

    public static string Filter(string graduateId) => string.Create(CultureInfo.InvariantCulture,
        $"PartitionKey eq '{graduateId}' and ((RowKey ge '{GraduateStore.LivePrefix}' and RowKey lt 'live}}') or (RowKey ge '{StoredFeedMonth.Prefix}' and RowKey lt 'feed}}'))");

    public static async Task<FeedPartition> ReadAsync(GraduateRepository repository, string graduateId, CancellationToken cancellationToken)
    {
        var months = new List<StoredFeedMonth>();
        var unit = await repository.LoadAsync(graduateId, Filter(graduateId), row =>
        {
            if (StoredFeedMonth.From(row) is { } month)
            {
                months.Add(month);
            }
        }, cancellationToken);
        return new FeedPartition(unit, months);
    }
}
