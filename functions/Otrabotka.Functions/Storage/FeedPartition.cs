using System.Globalization;
using System.Text.Json;
using Azure;
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
/// The rows of a graduate's partition the feed needs, read with one query: the live rows (profile, documents,
/// fingerprints, reminder plan — as <see cref="GraduateRepository.LoadAsync"/> reads them, so the feed's commit can
/// carry the replanned reminders and the status snapshot) and the feed months.
/// </summary>
public sealed record FeedPartition(GraduateUnit? Unit, IReadOnlyList<StoredFeedMonth> Months)
{
    public GraduateRecord? Graduate => Unit?.Graduate;

    public IReadOnlyList<Document> Documents => Unit?.Documents ?? [];

    public static string Filter(string graduateId) => string.Create(CultureInfo.InvariantCulture,
        $"PartitionKey eq '{graduateId}' and ((RowKey ge '{GraduateStore.LivePrefix}' and RowKey lt 'live}}') or (RowKey ge '{StoredFeedMonth.Prefix}' and RowKey lt 'feed}}'))");

    public static async Task<FeedPartition> ReadAsync(TableClient table, string graduateId, CancellationToken cancellationToken)
    {
        GraduateRecord? graduate = null;
        var documents = new List<Document>();
        var etags = new Dictionary<string, ETag>(StringComparer.Ordinal);
        var fingerprints = new Dictionary<string, string>(StringComparer.Ordinal);
        var plan = ReminderPlan.None;
        var months = new List<StoredFeedMonth>();
        await foreach (var entity in table.QueryAsync<TableEntity>(Filter(graduateId), cancellationToken: cancellationToken))
        {
            switch (GraduateStore.KindOf(entity.RowKey))
            {
                case LiveRow.Profile:
                    graduate = GraduateStore.ToGraduate(entity);
                    break;
                case LiveRow.Document:
                    var document = DocumentEntities.ToDocument(entity);
                    documents.Add(document);
                    etags[document.Id] = entity.ETag;
                    break;
                case LiveRow.Fingerprint:
                    fingerprints[entity.RowKey[GraduateStore.ShaPrefix.Length..]] = entity.GetString("DocumentId") ?? "";
                    break;
                case LiveRow.Plan:
                    plan = new ReminderPlan(JsonSerializer.Deserialize<List<string>>(entity.GetString("Rows") ?? "[]") ?? [], entity.ETag);
                    break;
                case LiveRow.Unknown when StoredFeedMonth.From(entity) is { } month:
                    months.Add(month);
                    break;
            }
        }

        return new FeedPartition(graduate is null ? null : new GraduateUnit(graduate, documents, etags, fingerprints, plan), months);
    }
}
