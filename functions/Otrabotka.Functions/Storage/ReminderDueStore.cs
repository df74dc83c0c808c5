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

    public async Task<List<DueReminder>> UpToAsync(DateOnly date, CancellationToken cancellationToken)
    {
        var rows = new List<DueReminder>();
        await foreach (var row in Due.QueryAsync<TableEntity>($"PartitionKey le '{GraduateStore.Iso(date)}'", cancellationToken: cancellationToken))
        {
            rows.Add(ToReminder(row));
        }

        return rows;
    }

    public Task UpsertAsync(DueReminder reminder, CancellationToken cancellationToken) =>
        Due.UpsertEntityAsync(ToEntity(reminder), TableUpdateMode.Replace, cancellationToken);

    public Task DeleteAsync(string entry, CancellationToken cancellationToken) => Due.DeleteEntityAsync(entry[..10], entry[11..], ETag.All, cancellationToken);

    public Task DeleteAsync(DueReminder reminder, CancellationToken cancellationToken) =>
        Due.DeleteEntityAsync(GraduateStore.Iso(reminder.DueOn), reminder.Key, ETag.All, cancellationToken);

    /// <summary>The plan's entry for a reminder: "yyyy-MM-dd#key".</summary>
    public static string Entry(DateOnly dueOn, string key) => $"{GraduateStore.Iso(dueOn)}#{key}";

    /// <summary>The marker added with the reminder's outbox row: a second send of the same reminder fails the transaction.</summary>
    public static TableTransactionAction Marker(DueReminder reminder, string notificationId, DateTimeOffset sentAt) =>
        new(TableTransactionActionType.Add, new TableEntity(reminder.GraduateId, MarkerPrefix + reminder.Key.Replace('/', '_')) { ["SentAt"] = sentAt, ["NotificationId"] = notificationId });

    public Task RecordRunAsync(DateOnly date, string trigger, DateTimeOffset startedAt, int entitiesRead, int sent, CancellationToken cancellationToken) =>
        storage.Table(StorageNames.ReminderRunsTable).UpsertEntityAsync(
            new TableEntity("run", GraduateStore.Iso(date)) { ["Trigger"] = trigger, ["StartedAt"] = startedAt, ["EntitiesRead"] = entitiesRead, ["Sent"] = sent },
            TableUpdateMode.Replace,
            cancellationToken);

    private static TableEntity ToEntity(DueReminder reminder) => new(GraduateStore.Iso(reminder.DueOn), reminder.Key)
    {
        ["GraduateId"] = reminder.GraduateId,
        ["Kind"] = Wire.Name(reminder.Kind),
        ["Recipient"] = Wire.Name(reminder.Recipient),
        ["Series"] = $"{reminder.GraduateId}|{Wire.Name(reminder.Kind)}|{Wire.Name(reminder.Recipient)}|{reminder.DocumentId}",
        ["DocumentId"] = reminder.DocumentId,
        ["To"] = reminder.To,
        ["Name"] = reminder.Name,
        ["Language"] = Wire.Name(reminder.Language),
        ["EmployerEmail"] = reminder.EmployerEmail,
        ["EmployerName"] = reminder.EmployerName,
        ["TokenVersion"] = reminder.TokenVersion,
        ["TokenIssuedAt"] = reminder.TokenIssuedAt,
        ["Date"] = reminder.Date is { } date ? GraduateStore.Iso(date) : null,
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
        row.GetString("Date") is { } date ? DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null);
}
