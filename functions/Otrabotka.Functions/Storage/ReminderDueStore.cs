using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Otrabotka.Domain;

namespace Otrabotka.Functions.Storage;

/// <summary>The reminder due index and the runs' log; the markers that make a send happen once live in the graduate's partition (rem|…).</summary>
public sealed class ReminderDueStore(StorageClients storage)
{
    public const string MarkerPrefix = "rem|";

    private TableClient Due => storage.Table(StorageNames.ReminderDueTable);

    /// <summary>The due rows up to the date (all of them, or the first <paramref name="limit"/>).</summary>
    public async Task<List<DueReminder>> UpToAsync(DateOnly date, CancellationToken cancellationToken, int? limit = null)
    {
        var rows = new List<DueReminder>();
        var pageSize = limit is { } top ? Math.Min(top, 1000) : (int?)null;
        await foreach (var row in Due.QueryAsync<TableEntity>($"PartitionKey le '{GraduateStore.Iso(date)}'", maxPerPage: pageSize, cancellationToken: cancellationToken))
        {
            rows.Add(ToReminder(row));
            if (rows.Count == limit)
            {
                break;
            }
        }

        return rows;
    }

    /// <summary>Handled rows leave the due index, 100 to a transaction per date; a row already gone is no error.</summary>
    public async Task DeleteManyAsync(IEnumerable<(DateOnly DueOn, string Key)> rows, int parallelism, CancellationToken cancellationToken)
    {
        var batches = rows.Distinct().GroupBy(row => row.DueOn).SelectMany(date => date.Chunk(100)).ToList();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (batch, token) =>
        {
            try
            {
                await Due.SubmitTransactionAsync(batch.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(GraduateStore.Iso(row.DueOn), row.Key), ETag.All)), token);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 404)
            {
                foreach (var (dueOn, key) in batch)
                {
                    await Due.DeleteEntityAsync(GraduateStore.Iso(dueOn), key, ETag.All, token);
                }
            }
        });
    }

    /// <summary>The run that sent a reminder (its marker's tag), or null when none tagged it or it was not sent.</summary>
    public async Task<string?> SentByRunAsync(DueReminder reminder, CancellationToken cancellationToken)
    {
        var marker = await storage.Table(StorageNames.GraduatesTable).GetEntityIfExistsAsync<TableEntity>(
            reminder.GraduateId, MarkerKey(reminder), ["RunId"], cancellationToken);
        return marker.HasValue ? marker.Value?.GetString("RunId") : null;
    }

    /// <summary>A new graduate's plan row (an import writes it with the profile, in one transaction).</summary>
    public static TableEntity PlanEntity(string graduateId, IReadOnlyList<string> entries) =>
        new(graduateId, GraduateStore.PlanKey) { ["Rows"] = System.Text.Json.JsonSerializer.Serialize(entries) };

    public Task UpsertAsync(DueReminder reminder, CancellationToken cancellationToken) =>
        Due.UpsertEntityAsync(ToEntity(reminder), TableUpdateMode.Replace, cancellationToken);

    public Task DeleteAsync(string entry, CancellationToken cancellationToken) => Due.DeleteEntityAsync(entry[..10], entry[11..], ETag.All, cancellationToken);

    public Task DeleteAsync(DueReminder reminder, CancellationToken cancellationToken) =>
        Due.DeleteEntityAsync(GraduateStore.Iso(reminder.DueOn), reminder.Key, ETag.All, cancellationToken);

    /// <summary>The plan's entry for a reminder: "yyyy-MM-dd#key".</summary>
    public static string Entry(DateOnly dueOn, string key) => $"{GraduateStore.Iso(dueOn)}#{key}";

    /// <summary>The marker added with the reminder's outbox row: a second send of the same reminder fails the transaction.</summary>
    public static TableTransactionAction Marker(DueReminder reminder, string notificationId, DateTimeOffset sentAt, string? runId = null) =>
        new(TableTransactionActionType.Add, new TableEntity(reminder.GraduateId, MarkerKey(reminder)) { ["SentAt"] = sentAt, ["NotificationId"] = notificationId, ["RunId"] = runId });

    private static string MarkerKey(DueReminder reminder) => MarkerPrefix + reminder.Key.Replace('/', '_');

    public Task RecordRunAsync(DateOnly date, string trigger, DateTimeOffset startedAt, int entitiesRead, int sent, CancellationToken cancellationToken) =>
        storage.Table(StorageNames.ReminderRunsTable).UpsertEntityAsync(
            new TableEntity("run", GraduateStore.Iso(date)) { ["Trigger"] = trigger, ["StartedAt"] = startedAt, ["EntitiesRead"] = entitiesRead, ["Sent"] = sent },
            TableUpdateMode.Replace,
            cancellationToken);

    public static TableEntity ToEntity(DueReminder reminder) => new(GraduateStore.Iso(reminder.DueOn), reminder.Key)
    {
        ["GraduateId"] = reminder.GraduateId,
        ["Kind"] = Wire.Name(reminder.Kind),
        ["Recipient"] = Wire.Name(reminder.Recipient),
        ["Series"] = reminder.Series,
        ["DocumentId"] = reminder.DocumentId,
        ["To"] = reminder.To,
        ["Name"] = reminder.Name,
        ["Language"] = Wire.Name(reminder.Language),
        ["EmployerEmail"] = reminder.EmployerEmail,
        ["EmployerName"] = reminder.EmployerName,
        ["TokenVersion"] = reminder.TokenVersion,
        ["TokenIssuedAt"] = reminder.TokenIssuedAt,
        ["Date"] = reminder.Date is { } date ? GraduateStore.Iso(date) : null,
        ["Sex"] = reminder.GraduateSex is { } sex ? Wire.Name(sex) : null,
        ["AtRiskGapDays"] = reminder.AtRiskGapDays,
        ["ReconfirmationMonths"] = reminder.ReconfirmationMonths,
    };

    private static DueReminder ToReminder(TableEntity row) => new(
        DateOnly.ParseExact(row.PartitionKey, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        row.RowKey,
        row.GetString("GraduateId") ?? "",
        GraduateStore.Enum<ReminderKind>(row, "Kind"),
        GraduateStore.Enum<Recipient>(row, "Recipient"),
        row.GetString("DocumentId"),
        row.GetString("To") ?? "",
        row.GetString("Name") ?? "",
        Wire.TryParse<Language>(row.GetString("Language"), out var language) ? language : Language.Kk,
        row.GetString("EmployerEmail"),
        row.GetString("EmployerName"),
        row.GetInt32("TokenVersion"),
        row.GetDateTimeOffset("TokenIssuedAt"),
        row.GetString("Date") is { } date ? DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
        Wire.TryParse<Sex>(row.GetString("Sex"), out var sex) ? sex : null,
        row.GetInt32("AtRiskGapDays"),
        row.GetInt32("ReconfirmationMonths"));
}
