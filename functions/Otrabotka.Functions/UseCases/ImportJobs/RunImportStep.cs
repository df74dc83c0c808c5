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
/// One step of an import job: a plan message cuts the file into chunks of Import:ChunkRows lines (byte ranges recorded
/// in the job's partition), one message per chunk registers its rows and records its counts; an execution stops after
/// Import:ChunkSeconds, records the line it got to and queues the chunk again. A chunk already done is skipped; a
/// chunk cut short is run again and finishes what it started without counting anything twice (see <see cref="ImportRegistrar"/>).
/// </summary>
public sealed partial class RunImportStep(StorageClients storage, ImportJobStore jobs, ImportRegistrar registrar, IOptions<ImportSettings> settings, TimeProvider time, ILogger<RunImportStep> logger)
{
    private const int StoredErrorsPerChunk = 100;
    private const int ReadBuffer = 81920;

    /// <summary>A queue message: "plan|{jobId}" or "chunk|{jobId}|{n}".</summary>
    public Task RunAsync(string message, CancellationToken cancellationToken)
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
    private async Task PlanAsync(string jobId, CancellationToken cancellationToken)
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

    /// <summary>
    /// Registers one chunk's lines, piece by piece while its time budget lasts (<see cref="ImportPace"/>), then records
    /// its counts and how far it got — on the ETag the chunk row was read with, so of two deliveries at once one records
    /// — and queues the chunk again for the rest. The chunk row, not the message, says where to go on: a message
    /// delivered again after a crash between the record and the queueing goes on from the recorded line, and lines
    /// registered but not recorded are registered again under the same job, which counts them once (see
    /// <see cref="ImportRegistrar"/>). A chunk already done is left alone.
    /// </summary>
    private async Task ChunkAsync(string jobId, int number, CancellationToken cancellationToken)
    {
        using var span = ImportTrace.Phase("chunk");
        if (await jobs.FindChunkAsync(jobId, number, cancellationToken) is not { Done: false } chunk || await jobs.FindJobAsync(jobId, cancellationToken) is not { } job)
        {
            return;
        }

        var lines = ImportRows.Lines(await ReadAsync(jobId, chunk, cancellationToken)).ToList();
        var from = chunk.NextLine is { } resumed ? resumed - chunk.FirstLine : 0;
        var (counts, done) = await RegisterPiecesAsync(job, chunk, lines, from, cancellationToken);
        var finished = done >= lines.Count;
        var recorded = chunk with { Done = finished, Counts = counts, NextLine = finished ? null : chunk.FirstLine + done, Executions = chunk.Executions + 1 };
        if (!await jobs.TryRecordChunkAsync(jobId, recorded, cancellationToken))
        {
            LogChunkRecordedElsewhere(logger, jobId, number);
            return;
        }

        if (!finished)
        {
            // The time budget ran out: the rest of the chunk is the next execution's (no execution over a minute).
            LogChunkPaused(logger, jobId, number, done - from, lines.Count - done);
            await storage.Queue(StorageNames.ImportQueue).SendMessageAsync($"chunk|{jobId}|{number}", cancellationToken);
            return;
        }

        LogChunkDone(logger, jobId, number, counts.Read, counts.Registered, counts.Unchanged, counts.Errors);
    }

    /// <summary>The chunk's lines from <paramref name="from"/> on, in pieces while the budget lasts; answers the chunk's counts (the earlier executions' included) and the lines done.</summary>
    private async Task<(ImportChunkCounts Counts, int Done)> RegisterPiecesAsync(ImportJobRow job, ImportChunkRow chunk, List<string> lines, int from, CancellationToken cancellationToken)
    {
        var header = ImportHeader.Parse(job.Header)!;
        var counts = from > 0 ? chunk.Counts : ImportChunkCounts.None;
        var pace = new ImportPace(TimeSpan.FromSeconds(settings.Value.ChunkSeconds), settings.Value.ChunkRows, time);
        var done = from;
        for (var piece = pace.Next(lines.Count - done); piece > 0; piece = pace.Next(lines.Count - done))
        {
            var (read, tally, problems) = await ImportJobs.RegisterAsync(registrar, time, header, lines.Skip(done).Take(piece), chunk.FirstLine + done, job.JobId, cancellationToken);
            var errors = problems.Select(problem => new ImportError(problem.Line, problem.Code, problem.Detail.In(job.Language)));
            counts = new ImportChunkCounts(
                counts.Read + read, counts.Registered + tally.Registered, counts.Unchanged + tally.Unchanged, counts.Conflicts + tally.Conflicts,
                counts.Errors + problems.Count, counts.Writes + tally.Writes, MergeErrors(counts.ErrorList, errors));
            done += piece;
            pace.Took(piece);
        }

        return (counts, done);
    }

    /// <summary>The first errors of the chunk by line, the earlier pieces' and these together.</summary>
    private static string MergeErrors(string earlier, IEnumerable<ImportError> errors) =>
        JsonSerializer.Serialize((JsonSerializer.Deserialize<List<ImportError>>(earlier, Json.Options) ?? []).Concat(errors).OrderBy(error => error.Line).Take(StoredErrorsPerChunk), Json.Options);

    private async Task<string> ReadAsync(string jobId, ImportChunkRow chunk, CancellationToken cancellationToken)
    {
        var blob = storage.Container(StorageNames.ImportsContainer).GetBlobClient(ImportJobs.BlobName(jobId));
        var content = await blob.DownloadContentAsync(new BlobDownloadOptions { Range = new HttpRange(chunk.Start, chunk.End - chunk.Start) }, cancellationToken);
        return Encoding.UTF8.GetString(content.Value.Content.ToMemory().Span);
    }

    /// <summary>Byte ranges of Import:ChunkRows lines each, after the header line.</summary>
    private async Task<List<ImportChunkRow>> CutAsync(string jobId, CancellationToken cancellationToken)
    {
        var rowsPerChunk = settings.Value.ChunkRows;
        var blob = storage.Container(StorageNames.ImportsContainer).GetBlobClient(ImportJobs.BlobName(jobId));
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {JobId} planned in {Chunks} chunks")]
    private static partial void LogJobPlanned(ILogger logger, string jobId, int chunks);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {JobId} chunk {Chunk}: {Rows} rows read, {Registered} registered, {Unchanged} unchanged, {Errors} errors")]
    private static partial void LogChunkDone(ILogger logger, string jobId, int chunk, int rows, int registered, int unchanged, int errors);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {JobId} chunk {Chunk} out of time after {Lines} lines: {Left} lines queued for the next execution")]
    private static partial void LogChunkPaused(ILogger logger, string jobId, int chunk, int lines, int left);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {JobId} chunk {Chunk}: another delivery recorded it first; this execution's work is counted there or redone")]
    private static partial void LogChunkRecordedElsewhere(ILogger logger, string jobId, int chunk);
}
