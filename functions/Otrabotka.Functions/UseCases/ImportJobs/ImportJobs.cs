using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Otrabotka.Domain;
using Otrabotka.Functions.Configuration;
using Otrabotka.Functions.Http;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// Graduate imports at the Financial Center's scale. A file of up to Import:InlineRowLimit rows is registered
/// at once (today's answer). A larger one is streamed to blob storage and becomes a job: a plan message cuts
/// it into chunks of Import:ChunkRows lines (byte ranges recorded in the job's partition), one message per
/// chunk registers its rows and records its counts. A chunk already done is skipped; a chunk cut short
/// is run again and finishes what it started without counting anything twice (see <see cref="ImportRegistrar"/>).
/// </summary>
public sealed partial class ImportJobs(StorageClients storage, ImportRegistrar registrar, IOptions<ImportSettings> settings, TimeProvider time, ILogger<ImportJobs> logger)
{
    public const string JobKey = "job";
    private const int StoredErrorsPerChunk = 100;
    private const int ReadBuffer = 81920;

    private TableClient Jobs => storage.Table(StorageNames.ImportJobsTable);

    public static string BlobName(string jobId) => jobId + ".csv";

    public static string ChunkKey(int number) => "c" + number.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>Reads the body up to the inline limit; registers it at once, or streams the whole file to a blob and queues its plan.</summary>
    public async Task<ImportStart> StartAsync(Stream body, Language language, CancellationToken cancellationToken)
    {
        var (prefix, complete) = await ReadPrefixAsync(body, settings.Value.InlineRowLimit + 1, cancellationToken);
        var text = Encoding.UTF8.GetString(prefix.GetBuffer(), 0, (int)prefix.Length);
        var firstBreak = text.IndexOf('\n');
        var header = ImportHeader.Parse(firstBreak < 0 ? text : text[..firstBreak]);
        if (header is null)
        {
            return new ImportStart(null, null, new Problem(400, "csv-empty", ImportRows.EmptyFile));
        }

        if (header.Columns.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            return new ImportStart(null, null, Problem.Invalid([new FieldError(repeated.Key, "csv-repeated-column", new($"'{repeated.Key}' бағаны тақырыпта қайталанады.", $"Столбец '{repeated.Key}' повторяется в заголовке.", $"The column '{repeated.Key}' appears more than once in the header."))]));
        }

        var jobId = GraduateStore.NewId('i');
        if (complete)
        {
            var lines = firstBreak < 0 ? [] : ImportRows.Lines(text[(firstBreak + 1)..]);
            var (_, tally, problems) = await RegisterAsync(header, lines, 2, jobId, cancellationToken);
            var errors = problems.Take(Operators.MaxImportErrors).Select(p => new ImportError(p.Line, p.Code, p.Detail.In(language))).ToList();
            return new ImportStart(new ImportResult(tally.Registered, tally.Unchanged, errors), null, null);
        }

        prefix.Position = 0;
        var blob = storage.Container(StorageNames.ImportsContainer).GetBlobClient(BlobName(jobId));
        await using (var upload = await blob.OpenWriteAsync(overwrite: true, cancellationToken: cancellationToken))
        {
            await prefix.CopyToAsync(upload, cancellationToken);
            await body.CopyToAsync(upload, cancellationToken);
        }

        var job = new TableEntity(jobId, JobKey)
        {
            ["Header"] = header.Text,
            ["Language"] = Wire.Name(language),
            ["CreatedAt"] = time.GetUtcNow(),
        };
        await Jobs.AddEntityAsync(job, cancellationToken);
        await storage.Queue(StorageNames.ImportQueue).SendMessageAsync("plan|" + jobId, cancellationToken);
        LogJobQueued(logger, jobId);
        return new ImportStart(null, Status(job, []), null);
    }

    /// <summary>A queue message: "plan|{jobId}" or "chunk|{jobId}|{n}".</summary>
    public Task HandleAsync(string message, CancellationToken cancellationToken)
    {
        var parts = message.Split('|');
        return parts switch
        {
            ["plan", var jobId] => PlanAsync(jobId, cancellationToken),
            ["chunk", var jobId, var number] when int.TryParse(number, CultureInfo.InvariantCulture, out var n) => ChunkAsync(jobId, n, cancellationToken),
            _ => Task.CompletedTask,
        };
    }

    /// <summary>Cuts the file into line ranges; a plan run again adds no chunk twice and re-queues only the unfinished ones.</summary>
    public async Task PlanAsync(string jobId, CancellationToken cancellationToken)
    {
        var job = await FindJobAsync(jobId, cancellationToken);
        if (job is null)
        {
            return;
        }

        var chunks = await CutAsync(jobId, cancellationToken);
        var existing = await ChunkRowsAsync(jobId, cancellationToken);
        var done = existing.Where(c => c.GetBoolean("Done") == true).Select(c => c.RowKey).ToHashSet(StringComparer.Ordinal);
        foreach (var batch in chunks.Where(c => existing.All(e => e.RowKey != c.RowKey)).Chunk(100))
        {
            await AddAllAsync(batch, cancellationToken);
        }

        job["Chunks"] = chunks.Count;
        await Jobs.UpdateEntityAsync(job, ETag.All, TableUpdateMode.Merge, cancellationToken);
        var queue = storage.Queue(StorageNames.ImportQueue);
        for (var number = 0; number < chunks.Count; number++)
        {
            if (!done.Contains(ChunkKey(number)))
            {
                await queue.SendMessageAsync($"chunk|{jobId}|{number}", cancellationToken);
            }
        }

        LogJobPlanned(logger, jobId, chunks.Count);
    }

    /// <summary>Registers one chunk's rows and records its counts; a chunk already done is left alone.</summary>
    public async Task ChunkAsync(string jobId, int number, CancellationToken cancellationToken)
    {
        var found = await Jobs.GetEntityIfExistsAsync<TableEntity>(jobId, ChunkKey(number), cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value is not { } chunk || chunk.GetBoolean("Done") == true)
        {
            return;
        }

        var job = (await FindJobAsync(jobId, cancellationToken))!;
        var header = ImportHeader.Parse(job.GetString("Header"))!;
        Wire.TryParse<Language>(job.GetString("Language"), out var language);
        var start = chunk.GetInt64("Start")!.Value;
        var length = chunk.GetInt64("End")!.Value - start;
        var blob = storage.Container(StorageNames.ImportsContainer).GetBlobClient(BlobName(jobId));
        var content = await blob.DownloadContentAsync(new BlobDownloadOptions { Range = new HttpRange(start, length) }, cancellationToken);
        var text = Encoding.UTF8.GetString(content.Value.Content.ToMemory().Span);
        var (read, tally, problems) = await RegisterAsync(header, ImportRows.Lines(text), chunk.GetInt32("FirstLine")!.Value, jobId, cancellationToken);
        chunk["Done"] = true;
        chunk["Read"] = read;
        chunk["Registered"] = tally.Registered;
        chunk["Unchanged"] = tally.Unchanged;
        chunk["Conflicts"] = tally.Conflicts;
        chunk["Errors"] = problems.Count;
        chunk["Writes"] = tally.Writes;
        chunk["ErrorList"] = JsonSerializer.Serialize(problems.Take(StoredErrorsPerChunk).Select(p => new ImportError(p.Line, p.Code, p.Detail.In(language))), Json.Options);
        await Jobs.UpdateEntityAsync(chunk, ETag.All, TableUpdateMode.Replace, cancellationToken);
        LogChunkDone(logger, jobId, number, read, tally.Registered, tally.Unchanged, problems.Count);
    }

    /// <summary>The job's counts, summed over its chunks (null if there is no such job).</summary>
    public async Task<ImportStatus?> StatusAsync(string jobId, CancellationToken cancellationToken)
    {
        if (!GraduateData.SafeKey(jobId))
        {
            return null;
        }

        var rows = new List<TableEntity>();
        await foreach (var row in Jobs.QueryAsync<TableEntity>(e => e.PartitionKey == jobId, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        var job = rows.FirstOrDefault(r => r.RowKey == JobKey);
        return job is null ? null : Status(job, rows.Where(r => r.RowKey != JobKey).OrderBy(r => r.RowKey, StringComparer.Ordinal).ToList());
    }

    private static ImportStatus Status(TableEntity job, IReadOnlyList<TableEntity> chunks)
    {
        var planned = job.GetInt32("Chunks");
        var done = chunks.Where(c => c.GetBoolean("Done") == true).ToList();
        int Sum(string name) => done.Sum(c => c.GetInt32(name) ?? 0);
        var errors = done.SelectMany(c => JsonSerializer.Deserialize<List<ImportError>>(c.GetString("ErrorList") ?? "[]", Json.Options) ?? []).Take(Operators.MaxImportErrors).ToList();
        var finished = planned is { } count && done.Count == count;
        var state = finished ? "done" : planned is null ? "queued" : "running";
        return new ImportStatus(job.PartitionKey, state, planned ?? 0, done.Count, Sum("Read"), Sum("Registered"), Sum("Unchanged"), Sum("Conflicts"), Sum("Errors"),
            errors, finished, job.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue);
    }

    private async Task<(int Read, RegisterTally Tally, IReadOnlyList<ImportProblem> Problems)> RegisterAsync(ImportHeader header, IEnumerable<string> lines, int firstLine, string jobId, CancellationToken cancellationToken)
    {
        var parsed = ImportRows.Parse(header, lines, firstLine, time.GetUtcNow());
        var tally = await registrar.RegisterAsync(parsed.Rows, jobId, cancellationToken);
        return (parsed.Read, tally, parsed.Problems.Concat(tally.Problems).OrderBy(p => p.Line).ToList());
    }

    /// <summary>Reads until the stream ends or the given number of line breaks has been seen.</summary>
    private static async Task<(MemoryStream Prefix, bool Complete)> ReadPrefixAsync(Stream body, int lineLimit, CancellationToken cancellationToken)
    {
        var prefix = new MemoryStream();
        var buffer = new byte[ReadBuffer];
        var breaks = 0;
        int count;
        while ((count = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            prefix.Write(buffer, 0, count);
            breaks += buffer.AsSpan(0, count).Count((byte)'\n');
            if (breaks > lineLimit)
            {
                return (prefix, false);
            }
        }

        return (prefix, true);
    }

    /// <summary>Byte ranges of Import:ChunkRows lines each, after the header line.</summary>
    private async Task<List<TableEntity>> CutAsync(string jobId, CancellationToken cancellationToken)
    {
        var rowsPerChunk = settings.Value.ChunkRows;
        var blob = storage.Container(StorageNames.ImportsContainer).GetBlobClient(BlobName(jobId));
        await using var stream = await blob.OpenReadAsync(cancellationToken: cancellationToken);
        var chunks = new List<TableEntity>();
        var buffer = new byte[ReadBuffer];
        long position = 0, chunkStart = -1;
        int line = 1, chunkFirstLine = 2, linesInChunk = 0, count;
        while ((count = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            for (var i = 0; i < count; i++)
            {
                if (buffer[i] != (byte)'\n')
                {
                    continue;
                }

                var next = position + i + 1;
                line++;
                if (chunkStart < 0)
                {
                    chunkStart = next;
                    continue;
                }

                if (++linesInChunk == rowsPerChunk)
                {
                    chunks.Add(Chunk(jobId, chunks.Count, chunkStart, next, chunkFirstLine));
                    (chunkStart, chunkFirstLine, linesInChunk) = (next, line, 0);
                }
            }

            position += count;
        }

        if (chunkStart >= 0 && chunkStart < position)
        {
            chunks.Add(Chunk(jobId, chunks.Count, chunkStart, position, chunkFirstLine));
        }

        return chunks;
    }

    private static TableEntity Chunk(string jobId, int number, long start, long end, int firstLine) => new(jobId, ChunkKey(number))
    {
        ["Start"] = start,
        ["End"] = end,
        ["FirstLine"] = firstLine,
        ["Done"] = false,
    };

    private async Task AddAllAsync(IReadOnlyList<TableEntity> chunks, CancellationToken cancellationToken)
    {
        try
        {
            await Jobs.SubmitTransactionAsync(chunks.Select(c => new TableTransactionAction(TableTransactionActionType.Add, c)), cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            foreach (var chunk in chunks)
            {
                try
                {
                    await Jobs.AddEntityAsync(chunk, cancellationToken);
                }
                catch (RequestFailedException conflict) when (conflict.Status == 409)
                {
                }
            }
        }
    }

    private async Task<List<TableEntity>> ChunkRowsAsync(string jobId, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Jobs.QueryAsync<TableEntity>(e => e.PartitionKey == jobId && e.RowKey != JobKey, select: ["RowKey", "Done"], cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    private async Task<TableEntity?> FindJobAsync(string jobId, CancellationToken cancellationToken)
    {
        var found = await Jobs.GetEntityIfExistsAsync<TableEntity>(jobId, JobKey, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {JobId} queued")]
    private static partial void LogJobQueued(ILogger logger, string jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {JobId} planned in {Chunks} chunks")]
    private static partial void LogJobPlanned(ILogger logger, string jobId, int chunks);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {JobId} chunk {Chunk}: {Rows} rows read, {Registered} registered, {Unchanged} unchanged, {Errors} errors")]
    private static partial void LogChunkDone(ILogger logger, string jobId, int chunk, int rows, int registered, int unchanged, int errors);
}
