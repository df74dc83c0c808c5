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
/// in the job's partition), one message per chunk registers its rows and records its counts. A chunk already done is
/// skipped; a chunk cut short is run again and finishes what it started without counting anything twice (see <see cref="ImportRegistrar"/>).
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

    /// <summary>Registers one chunk's rows and records its counts; a chunk already done is left alone.</summary>
    private async Task ChunkAsync(string jobId, int number, CancellationToken cancellationToken)
    {
        using var span = ImportTrace.Phase("chunk");
        if (await jobs.FindChunkAsync(jobId, number, cancellationToken) is not { Done: false } chunk || await jobs.FindJobAsync(jobId, cancellationToken) is not { } job)
        {
            return;
        }

        var header = ImportHeader.Parse(job.Header)!;
        var blob = storage.Container(StorageNames.ImportsContainer).GetBlobClient(ImportJobs.BlobName(jobId));
        var content = await blob.DownloadContentAsync(new BlobDownloadOptions { Range = new HttpRange(chunk.Start, chunk.End - chunk.Start) }, cancellationToken);
        var text = Encoding.UTF8.GetString(content.Value.Content.ToMemory().Span);
        var (read, tally, problems) = await ImportJobs.RegisterAsync(registrar, time, header, ImportRows.Lines(text), chunk.FirstLine, jobId, cancellationToken);
        var errors = JsonSerializer.Serialize(problems.Take(StoredErrorsPerChunk).Select(problem => new ImportError(problem.Line, problem.Code, problem.Detail.In(job.Language))), Json.Options);
        await jobs.CompleteChunkAsync(jobId, chunk with { Counts = new ImportChunkCounts(read, tally.Registered, tally.Unchanged, tally.Conflicts, problems.Count, tally.Writes, errors) }, cancellationToken);
        LogChunkDone(logger, jobId, number, read, tally.Registered, tally.Unchanged, problems.Count);
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
}
