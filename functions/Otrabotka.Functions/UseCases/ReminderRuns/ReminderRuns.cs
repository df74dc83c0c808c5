using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>What a reminder run's steps share: its keys, its status route and its status summed over chunks (every entity read counted: <see cref="ReminderRunStatus"/>).</summary>
public static class ReminderRuns
{
    public const string RunKey = ReminderRunStore.RunKey;

    public static string ChunkKey(int number) => ReminderRunStore.ChunkKey(number);

    public static string StatusRoute(string runId) => "/api/reminders/runs/" + runId;

    internal static ReminderRunStatus Status(ReminderRunRow run, IReadOnlyList<ReminderChunkRow> chunks)
    {
        var doneCount = chunks.Count(chunk => chunk.Done);
        var done = run.Chunks is { } count && doneCount == count;
        var indexRead = run.DecisionRead + run.PlanRead + chunks.Sum(chunk => chunk.MarkerReads);
        var rowsRead = chunks.Sum(chunk => chunk.RowsRead);
        return new ReminderRunStatus(
            run.RunId, run.Date, run.Trigger, done ? "done" : run.Chunks is null ? "queued" : "running", run.Chunks ?? 0, doneCount, run.Due,
            chunks.Sum(chunk => chunk.Sent), chunks.Sum(chunk => chunk.Skipped), chunks.Sum(chunk => chunk.Failed), run.Superseded, indexRead + rowsRead, done, run.StartedAt,
            indexRead, chunks.Sum(chunk => chunk.GraduatesRead), rowsRead);
    }
}
