using System.Text.Json;
using Otrabotka.Domain;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>What the import job's steps share: its keys and blob name, the registration of a run of lines, and the status summed over chunks.</summary>
public static class ImportJobs
{
    public const string JobKey = ImportJobStore.JobKey;

    public static string BlobName(string jobId) => jobId + ".csv";

    public static string ChunkKey(int number) => ImportJobStore.ChunkKey(number);

    /// <summary>The counts recorded so far — a chunk's executions record as they go, each line once — and done when every chunk is.</summary>
    internal static ImportStatus Status(ImportJobRow job, IReadOnlyList<ImportChunkRow> chunks)
    {
        var recorded = chunks.Select(chunk => chunk.Counts).ToList();
        var errors = recorded.SelectMany(counts => JsonSerializer.Deserialize<List<ImportError>>(counts.ErrorList, Json.Options) ?? []).Take(ImportGraduates.MaxImportErrors).ToList();
        var done = chunks.Count(chunk => chunk.Done);
        var finished = job.Chunks is { } count && done == count;
        var state = finished ? "done" : job.Chunks is null ? "queued" : "running";
        return new ImportStatus(job.JobId, state, job.Chunks ?? 0, done, recorded.Sum(counts => counts.Read), recorded.Sum(counts => counts.Registered), recorded.Sum(counts => counts.Unchanged),
            recorded.Sum(counts => counts.Conflicts), recorded.Sum(counts => counts.Errors), errors, finished, job.CreatedAt);
    }

    internal static async Task<(int Read, RegisterTally Tally, IReadOnlyList<ImportProblem> Problems)> RegisterAsync(ImportRegistrar registrar, TimeProvider time, ImportHeader header, IEnumerable<string> lines, int firstLine, string jobId, CancellationToken cancellationToken)
    {
        var parsed = ImportRows.Parse(header, lines, firstLine, time.GetUtcNow());
        var tally = await registrar.RegisterAsync(parsed.Rows, jobId, cancellationToken);
        return (parsed.Read, tally, parsed.Problems.Concat(tally.Problems).OrderBy(p => p.Line).ToList());
    }
}
