using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace Otrabotka.Functions.Storage;

/// <summary>Chunked reminder runs: one partition per run in the runs table, the run's row ("run") and one row per chunk ("c000000"…).</summary>
public sealed class ReminderRunStore(StorageClients storage)
{
    public const string RunKey = "run";

    private TableClient Runs => storage.Table(StorageNames.ReminderRunsTable);

    public static string ChunkKey(int number) => "c" + number.ToString("D6", CultureInfo.InvariantCulture);

    public Task AddRunAsync(ReminderRunRow run, CancellationToken cancellationToken) => Runs.AddEntityAsync(ToEntity(run), cancellationToken);

    public async Task<ReminderRunRow?> FindRunAsync(string runId, CancellationToken cancellationToken)
    {
        var found = await Runs.GetEntityIfExistsAsync<TableEntity>(runId, RunKey, cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } entity ? ToRun(entity) : null;
    }

    /// <summary>Records the plan on the run's row, as read (ETag-conditional).</summary>
    public Task SavePlanAsync(ReminderRunRow run, CancellationToken cancellationToken) => Runs.UpdateEntityAsync(ToEntity(run), run.ETag, TableUpdateMode.Replace, cancellationToken);

    public Task PutChunkAsync(string runId, ReminderChunkRow chunk, CancellationToken cancellationToken) =>
        Runs.UpsertEntityAsync(ToEntity(runId, chunk), TableUpdateMode.Replace, cancellationToken);

    public async Task<ReminderChunkRow?> FindChunkAsync(string runId, int number, CancellationToken cancellationToken)
    {
        var found = await Runs.GetEntityIfExistsAsync<TableEntity>(runId, ChunkKey(number), cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } entity ? ToChunk(entity) : null;
    }

    /// <summary>Saves a chunk as read (ETag-conditional); the chunk with its new ETag, or null when another worker changed it first.</summary>
    public async Task<ReminderChunkRow?> TrySaveChunkAsync(string runId, ReminderChunkRow chunk, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await Runs.UpdateEntityAsync(ToEntity(runId, chunk), chunk.ETag, TableUpdateMode.Replace, cancellationToken);
            return chunk with { ETag = answer.Headers.ETag ?? chunk.ETag };
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return null;
        }
    }

    /// <summary>The run and its chunks (null if there is no such run).</summary>
    public async Task<(ReminderRunRow Run, IReadOnlyList<ReminderChunkRow> Chunks)?> ReadAsync(string runId, CancellationToken cancellationToken)
    {
        ReminderRunRow? run = null;
        var chunks = new List<ReminderChunkRow>();
        await foreach (var row in Runs.QueryAsync<TableEntity>(entity => entity.PartitionKey == runId, cancellationToken: cancellationToken))
        {
            if (row.RowKey == RunKey)
            {
                run = ToRun(row);
            }
            else
            {
                chunks.Add(ToChunk(row));
            }
        }

        return run is null ? null : (run, chunks);
    }

    private static TableEntity ToEntity(ReminderRunRow run)
    {
        var entity = new TableEntity(run.RunId, RunKey)
        {
            ["Date"] = GraduateStore.Iso(run.Date),
            ["Trigger"] = run.Trigger,
            ["StartedAt"] = run.StartedAt,
            ["DecisionRead"] = run.DecisionRead,
        };
        if (run.Chunks is { } chunks)
        {
            entity["Chunks"] = chunks;
            entity["Due"] = run.Due;
            entity["Superseded"] = run.Superseded;
            entity["PlanRead"] = run.PlanRead;
        }

        return entity;
    }

    private static ReminderRunRow ToRun(TableEntity entity) => new(
        entity.PartitionKey,
        DateOnly.ParseExact(entity.GetString("Date")!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        entity.GetString("Trigger") ?? "",
        entity.GetDateTimeOffset("StartedAt") ?? DateTimeOffset.MinValue,
        entity.GetInt32("DecisionRead") ?? 0,
        entity.GetInt32("Chunks"),
        entity.GetInt32("Due") ?? 0,
        entity.GetInt32("Superseded") ?? 0,
        entity.GetInt32("PlanRead") ?? 0)
    {
        ETag = entity.ETag,
    };

    private static TableEntity ToEntity(string runId, ReminderChunkRow chunk) => new(runId, ChunkKey(chunk.Number))
    {
        ["Count"] = chunk.Count,
        ["Next"] = chunk.Next,
        ["Done"] = chunk.Done,
        ["LeaseUntil"] = chunk.LeaseUntil,
        ["Sent"] = chunk.Sent,
        ["Skipped"] = chunk.Skipped,
        ["Failed"] = chunk.Failed,
        ["MarkerReads"] = chunk.MarkerReads,
        ["GraduatesRead"] = chunk.GraduatesRead,
        ["RowsRead"] = chunk.RowsRead,
    };

    private static ReminderChunkRow ToChunk(TableEntity entity) => new(
        int.Parse(entity.RowKey.AsSpan(1), CultureInfo.InvariantCulture),
        entity.GetInt32("Count") ?? 0,
        entity.GetInt32("Next") ?? 0,
        entity.GetBoolean("Done") == true,
        entity.GetDateTimeOffset("LeaseUntil"),
        entity.GetInt32("Sent") ?? 0,
        entity.GetInt32("Skipped") ?? 0,
        entity.GetInt32("Failed") ?? 0,
        entity.GetInt32("MarkerReads") ?? 0,
        entity.GetInt32("GraduatesRead") ?? 0,
        entity.GetInt32("RowsRead") ?? 0)
    {
        ETag = entity.ETag,
    };
}
