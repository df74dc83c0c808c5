using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases.OperatorDesk;

/// <summary>A supervisor follows a re-sync of the operators' index (see <see cref="StartResync"/>): running or done, steps and graduates so far.</summary>
public sealed class ReadResyncStatus(OperatorResyncStore runs)
{
    public async Task<Outcome<ResyncStatus>> RunAsync(string runId, CancellationToken cancellationToken) =>
        GraduateData.SafeKey(runId) && await runs.FindAsync(runId, cancellationToken) is { } run ? Outcome<ResyncStatus>.Ok(ResyncStatus.Of(run)) : Problem.NotFound;
}
