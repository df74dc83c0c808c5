using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Otrabotka.Domain;
using Otrabotka.Functions.Configuration;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// Graduate imports at the Financial Center's scale. A file of up to Import:InlineRowLimit rows is registered
/// at once (today's answer). A larger one is streamed to blob storage and becomes a job: a plan message cuts
/// it into chunks of Import:ChunkRows lines (byte ranges recorded in the job's partition), one message per
/// chunk registers its rows and records its counts. A chunk already done is skipped; a chunk cut short
/// is run again and finishes what it started without counting anything twice (see <see cref="ImportRegistrar"/>).
/// </summary>
public sealed partial class ImportJobs(StorageClients storage, ImportJobStore jobs, ImportRegistrar registrar, IOptions<ImportSettings> settings, TimeProvider time, ILogger<ImportJobs> logger)
{
    public const string JobKey = ImportJobStore.JobKey;
    private const int StoredErrorsPerChunk = 100;
    private const int ReadBuffer = 81920;

    public static string BlobName(string jobId) => jobId + ".csv";

    public static string ChunkKey(int number) => ImportJobStore.ChunkKey(number);

    /// <summary>Reads the body up to the inline limit; registers it at once, or streams the whole file to a blob and queues its plan.</summary>
    public async Task<ImportStart> StartAsync(Stream body, Language language, CancellationToken cancellationToken)
    {
        var (prefix, complete) = await ReadPrefixAsync(body, settings.Value.InlineRowLimit + 1, cancellationToken);
        var text = Encoding.UTF8.GetString(prefix.GetBuffer(), 0, (int)prefix.Length);
        var firstBreak = text.IndexOf('\n');
        var header = ImportHeader.Parse(firstBreak < 0 ? text : text[..firstBreak]);
        if (header is null)
        {
            return new ImportStart(null, null, new Problem(Refusal.Invalid, "csv-empty", ImportRows.EmptyFile));
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

        var job = new ImportJobRow(jobId, header.Text, language, time.GetUtcNow(), null);
        await jobs.AddJobAsync(job, cancellationToken);
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
            ["chunk", var jobId, var number] when int.TryParse(number, CultureInfo.InvariantCulture, out var index) => ChunkAsync(jobId, index, cancellationToken),
            _ => Task.CompletedTask,
        };
    }

    /// <summary>Cuts the file into line ranges; a plan run again adds no chunk twice and re-queues only the unfinished ones.</summary>
    public async Task PlanAsync(string jobId, CancellationToken cancellationToken)
    {
        if (await jobs.FindJobAsync(jobId, cancellationToken) is null)
        {
            return;
        }

        var chunks = await CutAsync(jobId, cancellationToken);
        var existing = await jobs.ChunkStatesAsync(jobId, cancellationToken);
        await jobs.AddChunksAsync(jobId, chunks.Where(chunk => !existing.ContainsKey(chunk.Number)), cancellationToken);
        await jobs.SetChunkCountAsync(jobId, chunks.Count, cancellationToken);
        var queue = storage.Queue(StorageNames.ImportQueue);
        foreach (var chunk in chunks.Where(chunk => !existing.GetValueOrDefault(chunk.Number)))
        {
            await queue.SendMessageAsync($"chunk|{jobId}|{chunk.Number}", cancellationToken);
        }

        LogJobPlanned(logger, jobId, chunks.Count);
    }

    /// <summary>Registers one chunk's rows and records its counts; a chunk already done is left alone.</summary>
    public async Task ChunkAsync(string jobId, int number, CancellationToken cancellationToken)
    {
        if (await jobs.FindChunkAsync(jobId, number, cancellationToken) is not { Done: false } chunk || await jobs.FindJobAsync(jobId, cancellationToken) is not { } job)
        {
            return;
        }

        var header = ImportHeader.Parse(job.Header)!;
        var blob = storage.Container(StorageNames.ImportsContainer).GetBlobClient(BlobName(jobId));
        var content = await blob.DownloadContentAsync(new BlobDownloadOptions { Range = new HttpRange(chunk.Start, chunk.End - chunk.Start) }, cancellationToken);
        var text = Encoding.UTF8.GetString(content.Value.Content.ToMemory().Span);
        var (read, tally, problems) = await RegisterAsync(header, ImportRows.Lines(text), chunk.FirstLine, jobId, cancellationToken);
        var errors = JsonSerializer.Serialize(problems.Take(StoredErrorsPerChunk).Select(problem => new ImportError(problem.Line, problem.Code, problem.Detail.In(job.Language))), Json.Options);
        await jobs.CompleteChunkAsync(jobId, chunk with { Counts = new ImportChunkCounts(read, tally.Registered, tally.Unchanged, tally.Conflicts, problems.Count, tally.Writes, errors) }, cancellationToken);
        LogChunkDone(logger, jobId, number, read, tally.Registered, tally.Unchanged, problems.Count);
    }

    /// <summary>The job's counts, summed over its chunks (null if there is no such job).</summary>
    public async Task<ImportStatus?> StatusAsync(string jobId, CancellationToken cancellationToken) =>
        GraduateData.SafeKey(jobId) && await jobs.ReadAsync(jobId, cancellationToken) is { } found ? Status(found.Job, found.Chunks) : null;

    private static ImportStatus Status(ImportJobRow job, IReadOnlyList<ImportChunkRow> chunks)
    {
        var done = chunks.Where(chunk => chunk.Done).Select(chunk => chunk.Counts).ToList();
        var errors = done.SelectMany(counts => JsonSerializer.Deserialize<List<ImportError>>(counts.ErrorList, Json.Options) ?? []).Take(Operators.MaxImportErrors).ToList();
        var finished = job.Chunks is { } count && done.Count == count;
        var state = finished ? "done" : job.Chunks is null ? "queued" : "running";
        return new ImportStatus(job.JobId, state, job.Chunks ?? 0, done.Count, done.Sum(counts => counts.Read), done.Sum(counts => counts.Registered), done.Sum(counts => counts.Unchanged),
            done.Sum(counts => counts.Conflicts), done.Sum(counts => counts.Errors), errors, finished, job.CreatedAt);
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
    private async Task<List<ImportChunkRow>> CutAsync(string jobId, CancellationToken cancellationToken)
    {
        var rowsPerChunk = settings.Value.ChunkRows;
        var blob = storage.Container(StorageNames.ImportsContainer).GetBlobClient(BlobName(jobId));
        await using var stream = await blob.OpenReadAsync(cancellationToken: cancellationToken);
        var chunks = new List<ImportChunkRow>();
        var buffer = new byte[ReadBuffer];
        long position = 0, chunkStart = -1;
        int line = 1, chunkFirstLine = 2, linesInChunk = 0, count;
        while ((count = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            for (var offset = 0; offset < count; offset++)
            {
                if (buffer[offset] != (byte)'\n')
                {
                    continue;
                }

                var next = position + offset + 1;
                line++;
                if (chunkStart < 0)
                {
                    chunkStart = next;
                    continue;
                }

                if (++linesInChunk == rowsPerChunk)
                {
                    chunks.Add(new ImportChunkRow(chunks.Count, chunkStart, next, chunkFirstLine, false, ImportChunkCounts.None));
                    (chunkStart, chunkFirstLine, linesInChunk) = (next, line, 0);
                }
            }

            position += count;
        }

        if (chunkStart >= 0 && chunkStart < position)
        {
            chunks.Add(new ImportChunkRow(chunks.Count, chunkStart, position, chunkFirstLine, false, ImportChunkCounts.None));
        }

        return chunks;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {JobId} queued")]
    private static partial void LogJobQueued(ILogger logger, string jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {JobId} planned in {Chunks} chunks")]
    private static partial void LogJobPlanned(ILogger logger, string jobId, int chunks);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {JobId} chunk {Chunk}: {Rows} rows read, {Registered} registered, {Unchanged} unchanged, {Errors} errors")]
    private static partial void LogChunkDone(ILogger logger, string jobId, int chunk, int rows, int registered, int unchanged, int errors);
}
