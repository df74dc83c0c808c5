using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>An import job's counts, summed over its chunks (null if there is no such job).</summary>
public sealed class ReadImportStatus(ImportJobStore jobs)
{
    /// <summary>The job's counts, summed over its chunks (null if there is no such job).</summary>
    public async Task<ImportStatus?> RunAsync(string jobId, CancellationToken cancellationToken) =>
        GraduateData.SafeKey(jobId) && await jobs.ReadAsync(jobId, cancellationToken) is { } found ? ImportJobs.Status(found.Job, found.Chunks) : null;
}
