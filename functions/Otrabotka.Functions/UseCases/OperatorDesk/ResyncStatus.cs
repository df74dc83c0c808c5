using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases.OperatorDesk;

/// <summary>A re-sync of the operators' index, as a supervisor follows it: running or done, steps (pages of graduates), graduates visited so far and those that failed (logged by id).</summary>
public sealed record ResyncStatus(string RunId, string State, int Steps, int Graduates, int Failed, DateTimeOffset StartedAt, DateTimeOffset UpdatedAt, string StatusUrl)
{
    public static string StatusRoute(string runId) => "/api/operator/resync/" + runId;

    /// <summary>The status of a run as its store holds it.</summary>
    public static ResyncStatus Of(OperatorResyncRun run) =>
        new(run.RunId, run.Done ? "done" : "running", run.Step, run.Graduates, run.Failed, run.StartedAt, run.UpdatedAt, StatusRoute(run.RunId));
}
