using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>A reminder run's summary, summed over its chunks (null if there is no such run).</summary>
public sealed class ReadReminderRunStatus(ReminderRunStore runs)
{
    /// <summary>The run's summary, summed over its chunks (null if there is no such run).</summary>
    public async Task<ReminderRunStatus?> RunAsync(string runId, CancellationToken cancellationToken) =>
        GraduateData.SafeKey(runId) && await runs.ReadAsync(runId, cancellationToken) is { } found ? ReminderRuns.Status(found.Run, found.Chunks) : null;
}
