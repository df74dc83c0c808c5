using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Otrabotka.Domain;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Storage;

/// <summary>A graduate as registered by an operator (the row "profile" of the graduate's partition).</summary>
public sealed record GraduateRecord(
    string Id,
    string Iin,
    string FullName,
    string Email,
    Language Language,
    Obligation Obligation,
    string University,
    DateTimeOffset RegisteredAt,
    string ImportHash,
    DefaultDeclaration? Default = null,
    decimal? DefaultAmount = null,
    Region? Region = null,
    ObligationStatus? Status = null,
    FeedState? Feed = null)
{
    public ETag ETag { get; init; }
}

public sealed record ReasonRecord(string Code, Text Message);

/// <summary>A document's row: its kind, status, metadata as sent, and the employer-link state.</summary>
public sealed record DocumentRow(
    string GraduateId,
    string Id,
    DocumentKind Kind,
    DocumentStatus Status,
    bool Contested,
    string Metadata,
    string? BlobName,
    string? Sha256,
    string? ValidatedETag,
    IReadOnlyList<ReasonRecord> Reasons,
    IReadOnlyList<ReasonRecord> Warnings,
    DateTimeOffset ReceivedAt,
    DateTimeOffset UpdatedAt,
    int HistoryCount,
    string SubmittedBy,
    string? EmployerEmail = null,
    int TokenVersion = 0,
    DateTimeOffset? TokenIssuedAt = null,
    bool TokenUsed = false,
    string? DuplicateOf = null)
{
    public ETag ETag { get; init; }
}

/// <summary>
/// Row keys and mapping for the graduates table. One partition per graduate (PartitionKey = opaque id)
/// holds the profile, documents, append-only history, outbox and idempotency rows, told apart by RowKey
/// prefix, so that a status change, its history and its notifications commit in one transaction.
/// </summary>
public static class GraduateStore
{
    public const string ProfileKey = "profile";
    public const string DocumentPrefix = "doc|";
    public const string HistoryPrefix = "hist|";
    public const string IdempotencyPrefix = "idem|";
    public const string ShaPrefix = "sha|";
    public const int MaxBatch = 100;

    public static string NewId(char prefix) => prefix + Guid.NewGuid().ToString("N");

    public static string DocumentKey(string documentId) => DocumentPrefix + documentId;

    public static string HistoryKey(string documentId, int sequence) => $"{HistoryPrefix}{documentId}|{sequence.ToString("D4", CultureInfo.InvariantCulture)}";

    /// <summary>Runs one transaction in one partition, refusing what real Azure would refuse (Azurite does not).</summary>
    public static async Task CommitAsync(TableClient table, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        if (actions.Count == 0)
        {
            return;
        }

        if (actions.Count > MaxBatch)
        {
            throw new InvalidOperationException($"A transaction holds at most {MaxBatch} entities; this one has {actions.Count}.");
        }

        var partition = actions[0].Entity.PartitionKey;
        if (actions.Any(a => a.Entity.PartitionKey != partition || a.Entity.RowKey.Contains('/', StringComparison.Ordinal)))
        {
            throw new InvalidOperationException("A transaction must stay in one partition, with no '/' in a row key.");
        }

        await table.SubmitTransactionAsync(actions, cancellationToken);
    }

    public static TableEntity ToEntity(GraduateRecord g)
    {
        var o = g.Obligation;
        var e = new TableEntity(g.Id, ProfileKey)
        {
            ["Iin"] = g.Iin,
            ["FullName"] = g.FullName,
            ["Email"] = g.Email,
            ["Language"] = Wire.Name(g.Language),
            ["Category"] = Wire.Name(o.Category),
            ["Level"] = Wire.Name(o.Level),
            ["SpecialtyGroup"] = Wire.Name(o.Group),
            ["GraduationDate"] = Iso(o.GraduationDate),
            ["AdmissionYear"] = o.AdmissionYear,
            ["BudgetCost"] = o.BudgetCost.ToString(CultureInfo.InvariantCulture),
            ["GrantMonths"] = o.GrantMonths,
            ["NormativeMonths"] = o.NormativeMonths,
            ["University"] = g.University,
            ["RegisteredAt"] = g.RegisteredAt,
            ["ImportHash"] = g.ImportHash,
            ["DefaultAsOf"] = g.Default is null ? null : Iso(g.Default.AsOf),
            ["DefaultNote"] = g.Default?.Note,
            ["DefaultAmount"] = g.DefaultAmount?.ToString(CultureInfo.InvariantCulture),
            ["Region"] = g.Region is { } r ? Wire.Name(r) : null,
            ["Status"] = g.Status is { } s ? Wire.Name(s) : null,
            ["Feed"] = g.Feed is null ? null : JsonSerializer.Serialize(g.Feed, Json.Options),
        };
        e.ETag = g.ETag;
        return e;
    }

    public static GraduateRecord ToGraduate(TableEntity e)
    {
        var obligation = new Obligation(
            Enum<Category>(e, "Category"),
            Enum<Level>(e, "Level"),
            Enum<SpecialtyGroup>(e, "SpecialtyGroup"),
            DateOnly.ParseExact(e.GetString("GraduationDate")!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            e.GetInt32("AdmissionYear") ?? 0,
            decimal.Parse(e.GetString("BudgetCost") ?? "0", CultureInfo.InvariantCulture),
            e.GetInt32("GrantMonths"),
            e.GetInt32("NormativeMonths"));
        DefaultDeclaration? declared = e.GetString("DefaultAsOf") is { } asOf
            ? new DefaultDeclaration(DateOnly.ParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture), e.GetString("DefaultNote") ?? "")
            : null;
        return new GraduateRecord(
            e.PartitionKey,
            e.GetString("Iin")!,
            e.GetString("FullName") ?? "",
            e.GetString("Email") ?? "",
            Enum<Language>(e, "Language"),
            obligation,
            e.GetString("University") ?? "",
            e.GetDateTimeOffset("RegisteredAt") ?? default,
            e.GetString("ImportHash") ?? "",
            declared,
            e.GetString("DefaultAmount") is { } amount ? decimal.Parse(amount, CultureInfo.InvariantCulture) : null,
            e.GetString("Region") is { } region && Wire.TryParse<Region>(region, out var parsedRegion) ? parsedRegion : null,
            e.GetString("Status") is { } status && Wire.TryParse<ObligationStatus>(status, out var parsedStatus) ? parsedStatus : null,
            e.GetString("Feed") is { } feed ? JsonSerializer.Deserialize<FeedState>(feed, Json.Options) : null) { ETag = e.ETag };
    }

    public static TableEntity ToEntity(DocumentRow d)
    {
        var e = new TableEntity(d.GraduateId, DocumentKey(d.Id))
        {
            ["Kind"] = Wire.Name(d.Kind),
            ["Status"] = Wire.Name(d.Status),
            ["Contested"] = d.Contested,
            ["Metadata"] = d.Metadata,
            ["BlobName"] = d.BlobName,
            ["Sha256"] = d.Sha256,
            ["ValidatedETag"] = d.ValidatedETag,
            ["Reasons"] = JsonSerializer.Serialize(d.Reasons, Json.Options),
            ["Warnings"] = JsonSerializer.Serialize(d.Warnings, Json.Options),
            ["ReceivedAt"] = d.ReceivedAt,
            ["UpdatedAt"] = d.UpdatedAt,
            ["HistoryCount"] = d.HistoryCount,
            ["SubmittedBy"] = d.SubmittedBy,
            ["EmployerEmail"] = d.EmployerEmail,
            ["TokenVersion"] = d.TokenVersion,
            ["TokenIssuedAt"] = d.TokenIssuedAt,
            ["TokenUsed"] = d.TokenUsed,
            ["DuplicateOf"] = d.DuplicateOf,
        };
        e.ETag = d.ETag;
        return e;
    }

    public static DocumentRow ToDocument(TableEntity e) => new(
        e.PartitionKey,
        e.RowKey[DocumentPrefix.Length..],
        Enum<DocumentKind>(e, "Kind"),
        Enum<DocumentStatus>(e, "Status"),
        e.GetBoolean("Contested") ?? false,
        e.GetString("Metadata") ?? "{}",
        e.GetString("BlobName"),
        e.GetString("Sha256"),
        e.GetString("ValidatedETag"),
        JsonSerializer.Deserialize<List<ReasonRecord>>(e.GetString("Reasons") ?? "[]", Json.Options) ?? [],
        JsonSerializer.Deserialize<List<ReasonRecord>>(e.GetString("Warnings") ?? "[]", Json.Options) ?? [],
        e.GetDateTimeOffset("ReceivedAt") ?? default,
        e.GetDateTimeOffset("UpdatedAt") ?? default,
        e.GetInt32("HistoryCount") ?? 0,
        e.GetString("SubmittedBy") ?? "",
        e.GetString("EmployerEmail"),
        e.GetInt32("TokenVersion") ?? 0,
        e.GetDateTimeOffset("TokenIssuedAt"),
        e.GetBoolean("TokenUsed") ?? false,
        e.GetString("DuplicateOf")) { ETag = e.ETag };

    public static TableEntity HistoryEntity(string graduateId, string documentId, int sequence, StatusChange change) =>
        new(graduateId, HistoryKey(documentId, sequence))
        {
            ["Status"] = Wire.Name(change.Status),
            ["At"] = change.At,
            ["Actor"] = change.Actor,
            ["Reason"] = change.Reason,
        };

    public static StatusChange ToHistory(TableEntity e) =>
        new(Enum<DocumentStatus>(e, "Status"), e.GetDateTimeOffset("At") ?? default, e.GetString("Actor") ?? "", e.GetString("Reason"));

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static T Enum<T>(TableEntity e, string key) where T : struct, System.Enum =>
        Wire.TryParse<T>(e.GetString(key), out var value) ? value : throw new InvalidDataException($"Stored {key} '{e.GetString(key)}' is not a known {typeof(T).Name}.");
}
