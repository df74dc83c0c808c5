using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Otrabotka.Domain;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// The reminder due index — one row a graduate, at the date of its next pending reminder (ADR 0020) — and the runs'
/// log; the markers that make a send happen once (rem|…) and the plan's stamp row (rdue|…) live in the graduate's partition.
/// </summary>
public sealed class ReminderDueStore(StorageClients storage)
{
    public const string MarkerPrefix = "rem|";
    public const string StampPrefix = GraduateStore.LivePrefix + "rdue|";

    private static readonly JsonSerializerOptions RowJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private TableClient Due => storage.Table(StorageNames.ReminderDueTable);

    /// <summary>The due rows up to the date (all of them, or the first <paramref name="limit"/>): one a graduate.</summary>
    public async Task<List<DueRow>> UpToAsync(DateOnly date, CancellationToken cancellationToken, int? limit = null)
    {
        var rows = new List<DueRow>();
        var pageSize = limit is { } top ? Math.Min(top, 1000) : (int?)null;
        await foreach (var row in Due.QueryAsync<TableEntity>($"PartitionKey le '{GraduateStore.Iso(date)}'", maxPerPage: pageSize, cancellationToken: cancellationToken))
        {
            rows.Add(ToRow(row));
            if (rows.Count == limit)
            {
                break;
            }
        }

        return rows;
    }

    /// <summary>Handled rows of the older layout (no stamp) leave the due index, 100 to a transaction per date; a row gone or rewritten since is left alone.</summary>
    public async Task DeleteManyAsync(IEnumerable<DueRow> rows, int parallelism, CancellationToken cancellationToken)
    {
        var batches = rows.DistinctBy(row => (row.DueOn, row.Key)).GroupBy(row => row.DueOn).SelectMany(date => date.Chunk(100)).ToList();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (batch, token) =>
        {
            try
            {
                await storage.Transactions.SubmitAsync(Due, batch.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(GraduateStore.Iso(row.DueOn), row.Key), row.ETag ?? ETag.All)), token);
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 404 or 412)
            {
                foreach (var row in batch)
                {
                    await DeleteAsync(row, token);
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

    /// <summary>The plan row (live|plan|{id}, or the key it was read under): every entry, the pending ones, the due row's date and the stamp. The repository and an import write it.</summary>
    public static TableEntity PlanEntity(string graduateId, ReminderPlan plan)
    {
        var entity = new TableEntity(graduateId, plan.StoredKey ?? GraduateStore.PlanKey(graduateId))
        {
            ["DueAt"] = plan.DueAt is { } dueAt ? GraduateStore.Iso(dueAt) : null,
            ["Stamp"] = plan.Stamp,
        };
        LongColumn.Write(entity, "Rows", JsonSerializer.Serialize(plan.Entries));
        LongColumn.Write(entity, "Pending", JsonSerializer.Serialize(plan.PendingEntries));
        return entity;
    }

    /// <summary>A new graduate's plan rows, for the profile's own transaction (an import): the plan and its stamp's row.</summary>
    public static IReadOnlyList<TableEntity> InitialRows(string graduateId, ReminderPlan plan) =>
        plan.Stamp is { } stamp ? [PlanEntity(graduateId, plan), StampEntity(graduateId, stamp)] : [PlanEntity(graduateId, plan)];

    /// <summary>The plan as the live row holds it.</summary>
    public static ReminderPlan PlanOf(TableEntity row) => new(
        JsonSerializer.Deserialize<List<string>>(LongColumn.Read(row, "Rows") ?? "[]") ?? [],
        row.ETag,
        LongColumn.Read(row, "Pending") is { } pending ? JsonSerializer.Deserialize<List<string>>(pending) : null,
        row.GetString("DueAt") is { } dueAt ? DateOnly.ParseExact(dueAt, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
        row.GetString("Stamp")) { StoredKey = row.RowKey };

    /// <summary>The stamp row of a plan (a live row, so a load knows it is there): present exactly while the plan with that stamp is the graduate's.</summary>
    public static TableEntity StampEntity(string graduateId, string stamp) => new(graduateId, StampPrefix + stamp);

    /// <summary>In a transaction of the graduate's partition: fails it (404) unless the plan with this stamp is still the graduate's.</summary>
    public static TableTransactionAction StampCheck(string graduateId, string stamp) =>
        new(TableTransactionActionType.UpdateMerge, StampEntity(graduateId, stamp), ETag.All);

    /// <summary>Writes a graduate's due row; answers its ETag.</summary>
    public async Task<ETag> UpsertAsync(DueRow row, CancellationToken cancellationToken) =>
        (await Due.UpsertEntityAsync(ToEntity(row), TableUpdateMode.Replace, cancellationToken)).Headers.ETag ?? ETag.All;

    /// <summary>
    /// Adds a graduate's due row where none is (a run moving a row on); null when a row is there already — the same
    /// move run before, or a plan change's own row, which stands.
    /// </summary>
    public async Task<DueRow?> AddAsync(DueRow row, CancellationToken cancellationToken)
    {
        try
        {
            return row with { ETag = (await Due.AddEntityAsync(ToEntity(row), cancellationToken)).Headers.ETag };
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
    }

    /// <summary>Deletes a due row (conditional on the ETag it was read or written with, when known); a row gone or rewritten since is left alone.</summary>
    public async Task DeleteAsync(DueRow row, CancellationToken cancellationToken)
    {
        try
        {
            await Due.DeleteEntityAsync(GraduateStore.Iso(row.DueOn), row.Key, row.ETag ?? ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Gone already, or rewritten by a plan change since it was read: that row stands.
        }
    }

    /// <summary>The graduate's due row at a date, whatever it holds (a plan change moving it elsewhere).</summary>
    public Task DeleteAsync(DateOnly dueOn, string graduateId, CancellationToken cancellationToken) =>
        DeleteAsync(new DueRow(dueOn, graduateId, null, []), cancellationToken);

    /// <summary>
    /// Records in the graduate's plan that a run moved the due row on (<paramref name="next"/>, or nothing left pending),
    /// checked against the row's stamp in the same transaction. False when the plan changed since (the row is stale).
    /// A plan stored under the old shared key (ADR 0022) is found by a second transaction when its own key is missing.
    /// </summary>
    public async Task<bool> RecordMoveAsync(DueRow row, DueRow? next, CancellationToken cancellationToken)
    {
        var pending = JsonSerializer.Serialize(next?.Reminders.Select(reminder => Entry(reminder.DueOn, reminder.Key)).ToList() ?? []);
        var dueAt = next is null ? null : GraduateStore.Iso(next.DueOn);
        foreach (var key in (string[])[GraduateStore.PlanKey(row.GraduateId), GraduateStore.LegacyPlanKey])
        {
            var plan = new TableEntity(row.GraduateId, key) { ["DueAt"] = dueAt };
            LongColumn.Write(plan, "Pending", pending);
            try
            {
                await storage.Transactions.SubmitAsync(storage.Table(StorageNames.GraduatesTable), 
                    [new TableTransactionAction(TableTransactionActionType.UpdateMerge, plan, ETag.All), StampCheck(row.GraduateId, row.Stamp!)], cancellationToken);
                return true;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 404 && ex.FailedTransactionActionIndex == 0)
            {
                // No plan row under this key: the graduate's plan may be stored under the old shared key.
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 404)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>The plan's entry for a reminder: "yyyy-MM-dd#key".</summary>
    public static string Entry(DateOnly dueOn, string key) => $"{GraduateStore.Iso(dueOn)}#{key}";

    /// <summary>The marker added with the reminder's outbox row: a second send of the same reminder fails the transaction.</summary>
    public static TableTransactionAction Marker(DueReminder reminder, string notificationId, DateTimeOffset sentAt, string? runId = null) =>
        new(TableTransactionActionType.Add, new TableEntity(reminder.GraduateId, MarkerKey(reminder)) { ["SentAt"] = sentAt, ["NotificationId"] = notificationId, ["RunId"] = runId });

    private static string MarkerKey(DueReminder reminder) => MarkerPrefix + reminder.Key.Replace('/', '_');

    /// <summary>An inline run's log row: what it sent and every entity it read (the due rows, and the graduates' live rows apart).</summary>
    public Task RecordRunAsync(DateOnly date, string trigger, DateTimeOffset startedAt, UseCases.ReminderRunResult result, CancellationToken cancellationToken) =>
        storage.Table(StorageNames.ReminderRunsTable).UpsertEntityAsync(
            new TableEntity("run", GraduateStore.Iso(date))
            {
                ["Trigger"] = trigger, ["StartedAt"] = startedAt, ["EntitiesRead"] = result.EntitiesRead, ["Sent"] = result.Sent,
                ["DueRowsRead"] = result.DueRowsRead, ["GraduatesRead"] = result.GraduatesRead, ["RowsRead"] = result.RowsRead,
            },
            TableUpdateMode.Replace,
            cancellationToken);

    public static TableEntity ToEntity(DueRow row)
    {
        var entity = new TableEntity(GraduateStore.Iso(row.DueOn), row.Key) { ["GraduateId"] = row.GraduateId, ["Stamp"] = row.Stamp };
        LongColumn.Write(entity, "Reminders", JsonSerializer.Serialize(row.Reminders, RowJson));
        return entity;
    }

    /// <summary>A due row; a row of the older layout (one reminder a row, no stamp) is read as a row of that one reminder.</summary>
    private static DueRow ToRow(TableEntity row)
    {
        var dueOn = DateOnly.ParseExact(row.PartitionKey, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var reminders = LongColumn.Read(row, "Reminders") is { } json
            ? JsonSerializer.Deserialize<List<DueReminder>>(json, RowJson) ?? []
            : [ToReminder(row)];
        return new DueRow(dueOn, row.GetString("GraduateId") ?? "", row.GetString("Stamp"), reminders, row.ETag) { Key = row.RowKey };
    }

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
