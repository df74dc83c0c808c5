using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Otrabotka.Domain;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// Row keys and mapping for the graduates table. One partition per graduate (PartitionKey = opaque id)
/// holds the live rows — profile, documents, file fingerprints, reminder plan, all under "live|" so one
/// range query reads them — and the append-only rows read only by the routes that show them: history,
/// outbox, idempotency records, reminder markers. A status change, its history and its notifications
/// commit in one transaction.
/// </summary>
public static class GraduateStore
{
    public const string LivePrefix = "live|";
    public const string DocumentPrefix = LivePrefix + "doc|";
    public const string ShaPrefix = LivePrefix + "sha|";

    /// <summary>The profile's row key before ADR 0022: the same in every partition. Still read and updated in place.</summary>
    public const string LegacyProfileKey = LivePrefix + "profile";

    /// <summary>The reminder plan's row key before ADR 0022. Still read and updated in place.</summary>
    public const string LegacyPlanKey = LivePrefix + "plan";

    public const string ProfilePrefix = LegacyProfileKey + "|";
    public const string PlanPrefix = LegacyPlanKey + "|";

    /// <summary>Every profile of the table, either key (a cross-partition scan: operators' pages, index rebuilds).</summary>
    public const string ProfileFilter = $"(RowKey eq '{LegacyProfileKey}' or (RowKey gt '{ProfilePrefix}' and RowKey lt '{LegacyProfileKey}}}'))";
    public const string HistoryPrefix = "hist|";
    public const string IdempotencyPrefix = "idem|";
    public const int MaxBatch = 100;

    public static string NewId(char prefix) => prefix + Guid.NewGuid().ToString("N");

    /// <summary>
    /// A new graduate's profile row key: its own in the whole table ("live|profile|{id}"), because Azurite finds a row
    /// by its row key first (ADR 0022). A profile read under the old key keeps it (<see cref="GraduateRecord.StoredKey"/>).
    /// </summary>
    public static string ProfileKey(string graduateId) => ProfilePrefix + graduateId;

    /// <summary>A new graduate's reminder plan row key ("live|plan|{id}"); a plan read under the old key keeps it (<see cref="ReminderPlan.StoredKey"/>).</summary>
    public static string PlanKey(string graduateId) => PlanPrefix + graduateId;

    public static string DocumentKey(string documentId) => DocumentPrefix + documentId;

    public static string HistoryKey(string documentId, int sequence) => $"{HistoryPrefix}{documentId}|{sequence.ToString("D4", CultureInfo.InvariantCulture)}";

    /// <summary>Runs one transaction in one partition of the graduates table, refusing what real Azure would refuse (Azurite does not).</summary>
    public static async Task CommitAsync(StorageClients storage, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
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

        try
        {
            await storage.Transactions.SubmitAsync(storage.Table(StorageNames.GraduatesTable), actions, cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            throw new ConcurrentChangeException("A row of the transaction changed or was added concurrently.", ex);
        }
    }

    public static TableEntity ToEntity(GraduateRecord graduate)
    {
        var o = graduate.Obligation;
        var e = new TableEntity(graduate.Id, graduate.StoredKey ?? ProfileKey(graduate.Id))
        {
            ["Iin"] = graduate.Iin,
            ["FullName"] = graduate.FullName,
            ["Email"] = graduate.Email,
            ["Language"] = Wire.Name(graduate.Language),
            ["Category"] = Wire.Name(o.Category),
            ["Level"] = Wire.Name(o.Level),
            ["SpecialtyGroup"] = Wire.Name(o.Group),
            ["GraduationDate"] = Iso(o.GraduationDate),
            ["AdmissionYear"] = o.AdmissionYear,
            ["BudgetCost"] = o.BudgetCost.ToString(CultureInfo.InvariantCulture),
            ["GrantMonths"] = o.GrantMonths,
            ["NormativeMonths"] = o.NormativeMonths,
            ["University"] = graduate.University,
            ["RegisteredAt"] = graduate.RegisteredAt,
            ["ImportHash"] = graduate.ImportHash,
            ["DefaultAsOf"] = graduate.Default is null ? null : Iso(graduate.Default.AsOf),
            ["DefaultNote"] = graduate.Default?.Note,
            ["DefaultAmount"] = graduate.DefaultAmount?.ToString(CultureInfo.InvariantCulture),
            ["Region"] = graduate.Region is { } r ? Wire.Name(r) : null,
            ["Status"] = graduate.Status is { } s ? Wire.Name(s) : null,
            ["Feed"] = graduate.Feed is null ? null : JsonSerializer.Serialize(graduate.Feed, Json.Options),
        };
        e.ETag = graduate.ETag;
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
            e.GetString("Feed") is { } feed ? JsonSerializer.Deserialize<FeedState>(feed, Json.Options) : null) { ETag = e.ETag, StoredKey = e.RowKey };
    }

    public static LiveRow KindOf(string rowKey) =>
        rowKey == LegacyProfileKey || rowKey.StartsWith(ProfilePrefix, StringComparison.Ordinal) ? LiveRow.Profile
        : rowKey == LegacyPlanKey || rowKey.StartsWith(PlanPrefix, StringComparison.Ordinal) ? LiveRow.Plan
        : rowKey.StartsWith(DocumentPrefix, StringComparison.Ordinal) ? LiveRow.Document
        : rowKey.StartsWith(ShaPrefix, StringComparison.Ordinal) ? LiveRow.Fingerprint
        : LiveRow.Unknown;

    public static TableEntity HistoryEntity(string graduateId, string documentId, int sequence, StatusChange change) =>
        new(graduateId, HistoryKey(documentId, sequence))
        {
            ["Status"] = Wire.Name(change.Status),
            ["At"] = change.At,
            ["Actor"] = change.Actor,
            ["ActorId"] = change.ActorId,
            ["Reason"] = change.Reason,
        };

    public static StatusChange ToHistory(TableEntity e) =>
        new(Enum<DocumentStatus>(e, "Status"), e.GetDateTimeOffset("At") ?? default, e.GetString("Actor") ?? "", e.GetString("Reason"), e.GetString("ActorId"));

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static T Enum<T>(TableEntity e, string key) where T : struct, System.Enum =>
        Wire.TryParse<T>(e.GetString(key), out var value) ? value : throw new InvalidDataException($"Stored {key} '{e.GetString(key)}' is not a known {typeof(T).Name}.");
}
