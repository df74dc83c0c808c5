using Otrabotka.Domain;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>How one graduate's rows of a chunk went: months applied by this import, unchanged, superseded; or no such graduate.</summary>
public sealed record GraduateFeedTally(int Applied, int Unchanged, int Superseded, bool UnknownGraduate = false);

/// <summary>
/// Applies one graduate's rows of a feed file (found by IIN): <see cref="ApplyFeedMonths"/> commits what the rules make
/// of them, then the reminder plan and the operators' index follow when the credited months or the status moved.
/// </summary>
public sealed class CreditFeedMonths(GraduateRegistry registrations, ApplyFeedMonths apply, IndexSync indexes)
{
    public async Task<GraduateFeedTally> ApplyAsync(
        FeedFile file, Iin iin, IReadOnlyList<FeedRow> rows, Func<Bin, CancellationToken, Task<EmployerRegistryEntry?>> registry, FeedMonth? coveredThrough, CancellationToken cancellationToken)
    {
        if (await GraduateIdAsync(iin, cancellationToken) is not { } graduateId)
        {
            return new GraduateFeedTally(0, 0, 0, UnknownGraduate: true);
        }

        var applied = await apply.RunAsync(file, graduateId, rows, registry, coveredThrough, cancellationToken);
        if (applied.IndexesStale)
        {
            await indexes.RunAsync(graduateId, null, cancellationToken);
        }

        return applied.Tally;
    }

    private async Task<string?> GraduateIdAsync(Iin iin, CancellationToken cancellationToken) =>
        await registrations.IdOfAsync(iin.Value, cancellationToken) is { } id && GraduateData.SafeKey(id) ? id : null;
}
