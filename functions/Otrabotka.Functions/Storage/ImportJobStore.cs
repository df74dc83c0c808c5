using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Otrabotka.Domain;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// Import jobs and their chunks: one partition per job in the import-jobs table, the job's row ("job") and
/// one row per chunk ("c000000"…) with its byte range, first line, its counts once recorded and, while it is cut
/// short by its time budget, the line it goes on from.
/// </summary>
public sealed class ImportJobStore(StorageClients storage)
{
    public const string JobKey = "job";

    private const string NextLineColumn = "NextLine";

    private TableClient Jobs => storage.Table(StorageNames.ImportJobsTable);

    public static string ChunkKey(int number) => "c" + number.ToString("D6", CultureInfo.InvariantCulture);

    public Task AddJobAsync(ImportJobRow job, CancellationToken cancellationToken) =>
        Jobs.AddEntityAsync(new TableEntity(job.JobId, JobKey) { ["Header"] = job.Header, ["Language"] = Wire.Name(job.Language), ["CreatedAt"] = job.CreatedAt }, cancellationToken);

    public async Task<ImportJobRow?> FindJobAsync(string jobId, CancellationToken cancellationToken)
    {
        var found = await Jobs.GetEntityIfExistsAsync<TableEntity>(jobId, JobKey, cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } entity ? ToJob(entity) : null;
    }

    public Task SetChunkCountAsync(string jobId, int chunks, CancellationToken cancellationToken) =>
        Jobs.UpdateEntityAsync(new TableEntity(jobId, JobKey) { ["Chunks"] = chunks }, ETag.All, TableUpdateMode.Merge, cancellationToken);

    /// <summary>Adds chunk rows 100 to a transaction; a row a run before added is left as it is.</summary>
    public async Task AddChunksAsync(string jobId, IEnumerable<ImportChunkRow> chunks, CancellationToken cancellationToken)
    {
        foreach (var batch in chunks.Select(chunk => ToEntity(jobId, chunk)).Chunk(100))
        {
            try
            {
                await storage.Transactions.SubmitAsync(Jobs, batch.Select(entity => new TableTransactionAction(TableTransactionActionType.Add, entity)), cancellationToken);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409)
            {
                await AddEachAsync(batch, cancellationToken);
            }
        }
    }

    /// <summary>The chunk rows a job has, each with whether it is done.</summary>
    public async Task<IReadOnlyDictionary<int, bool>> ChunkStatesAsync(string jobId, CancellationToken cancellationToken)
    {
        var states = new Dictionary<int, bool>();
        await foreach (var row in Jobs.QueryAsync<TableEntity>(entity => entity.PartitionKey == jobId && entity.RowKey != JobKey, select: ["RowKey", "Done"], cancellationToken: cancellationToken))
        {
            states[NumberOf(row.RowKey)] = row.GetBoolean("Done") == true;
        }

        return states;
    }

    public async Task<ImportChunkRow?> FindChunkAsync(string jobId, int number, CancellationToken cancellationToken)
    {
        var found = await Jobs.GetEntityIfExistsAsync<TableEntity>(jobId, ChunkKey(number), cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } entity ? ToChunk(entity) : null;
    }

    /// <summary>
    /// Records a chunk's counts and how far it got, replacing the row on the ETag it was read with; false when another
    /// delivery of the chunk recorded first (its work is then that delivery's to count).
    /// </summary>
    public async Task<bool> TryRecordChunkAsync(string jobId, ImportChunkRow chunk, CancellationToken cancellationToken)
    {
        try
        {
            await Jobs.UpdateEntityAsync(ToEntity(jobId, chunk), chunk.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    /// <summary>The job and its chunks in number order (null if there is no such job).</summary>
    public async Task<(ImportJobRow Job, IReadOnlyList<ImportChunkRow> Chunks)?> ReadAsync(string jobId, CancellationToken cancellationToken)
    {
        ImportJobRow? job = null;
        var chunks = new List<ImportChunkRow>();
        await foreach (var row in Jobs.QueryAsync<TableEntity>(entity => entity.PartitionKey == jobId, cancellationToken: cancellationToken))
        {
            if (row.RowKey == JobKey)
            {
                job = ToJob(row);
            }
            else
            {
                chunks.Add(ToChunk(row));
            }
        }

        return job is null ? null : (job, chunks.OrderBy(chunk => chunk.Number).ToList());
    }

    private async Task AddEachAsync(IEnumerable<TableEntity> entities, CancellationToken cancellationToken)
    {
        foreach (var entity in entities)
        {
            try
            {
                await Jobs.AddEntityAsync(entity, cancellationToken);
            }
            catch (RequestFailedException conflict) when (conflict.Status == 409)
            {
            }
        }
    }

    private static int NumberOf(string rowKey) => int.Parse(rowKey.AsSpan(1), CultureInfo.InvariantCulture);

    private static ImportJobRow ToJob(TableEntity entity) => new(
        entity.PartitionKey,
        entity.GetString("Header") ?? "",
        Wire.TryParse<Language>(entity.GetString("Language"), out var language) ? language : Language.Kk,
        entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        entity.GetInt32("Chunks"));

    private static ImportChunkRow ToChunk(TableEntity entity) => new(
        NumberOf(entity.RowKey),
        entity.GetInt64("Start") ?? 0,
        entity.GetInt64("End") ?? 0,
        entity.GetInt32("FirstLine") ?? 0,
        entity.GetBoolean("Done") == true,
        new ImportChunkCounts(
            entity.GetInt32("Read") ?? 0, entity.GetInt32("Registered") ?? 0, entity.GetInt32("Unchanged") ?? 0, entity.GetInt32("Conflicts") ?? 0,
            entity.GetInt32("Errors") ?? 0, entity.GetInt32("Writes") ?? 0, entity.GetString("ErrorList") ?? "[]"))
    {
        NextLine = entity.GetInt32(NextLineColumn),
        Executions = entity.GetInt32("Executions") ?? 0,
        ETag = entity.ETag,
    };

    private static TableEntity ToEntity(string jobId, ImportChunkRow chunk)
    {
        var entity = new TableEntity(jobId, ChunkKey(chunk.Number)) { ["Start"] = chunk.Start, ["End"] = chunk.End, ["FirstLine"] = chunk.FirstLine, ["Done"] = chunk.Done };
        if (chunk.NextLine is { } next)
        {
            entity[NextLineColumn] = next;
        }

        if (chunk.Executions > 0)
        {
            entity["Executions"] = chunk.Executions;
            var counts = chunk.Counts;
            entity["Read"] = counts.Read;
            entity["Registered"] = counts.Registered;
            entity["Unchanged"] = counts.Unchanged;
            entity["Conflicts"] = counts.Conflicts;
            entity["Errors"] = counts.Errors;
            entity["Writes"] = counts.Writes;
            entity["ErrorList"] = counts.ErrorList;
        }

        return entity;
    }
}
