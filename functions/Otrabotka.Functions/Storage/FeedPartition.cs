using System.Globalization;
using Azure.Data.Tables;
using Otrabotka.Domain;
using Otrabotka.Functions.Storage;

using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Storage;

/// <summary>A stored feed month of one graduate: the latest report of (BIN, month), the file and job that wrote it.</summary>
public sealed record StoredFeedMonth(Bin Bin, FeedMonth Month, bool Paid, DateTimeOffset ReceivedAt, string FileId, string? JobId)
{
    public const string Prefix = "feed|";

    public string Key => KeyOf(Bin, Month);

    public static string KeyOf(Bin bin, FeedMonth month) => $"{Prefix}{bin.Value}|{month}";

    public ContributionMonth ToContribution(Iin iin) => new(iin, Bin, Month, Paid, ReceivedAt, FileId);

    public TableEntity ToEntity(string graduateId) => new(graduateId, Key)
    {
        ["Paid"] = Paid,
        ["ReceivedAt"] = ReceivedAt,
        ["FileId"] = FileId,
        ["JobId"] = JobId,
    };

    public static StoredFeedMonth? From(TableEntity entity)
    {
        var parts = entity.RowKey.Split('|');
        return parts.Length == 3 && Bin.Parse(parts[1]) is { IsValid: true } bin && FeedMonth.TryParse(parts[2], out var month)
            ? new StoredFeedMonth(bin.Value, month, entity.GetBoolean("Paid") ?? false, entity.GetDateTimeOffset("ReceivedAt") ?? default, entity.GetString("FileId") ?? "", entity.GetString("JobId"))
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
