using Otrabotka.Domain;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>How one graduate's rows of a chunk went: months applied by this import, unchanged, superseded; or no such graduate.</summary>
public sealed record GraduateFeedTally(int Applied, int Unchanged, int Superseded, bool UnknownGraduate = false);

/// <summary>
/// Applies one graduate's rows of a feed file (found by IIN): <see cref="ApplyFeedMonths"/> commits what the rules make
/// of them with the replanned reminders and the status snapshot in the same transaction; the due reminders and the
/// operators' index then follow at once, from the committed unit, when the change moved them (the outbox row held
/// for it finishes the sync should this process stop first).
/// </summary>
public sealed class CreditFeedMonths(GraduateRegistry registrations, ApplyFeedMonths apply, IndexSync indexes, DocumentChanges changes)
{
    public async Task<GraduateFeedTally> ApplyAsync(
        FeedFile file, Iin iin, IReadOnlyList<FeedRow> rows, Func<Bin, CancellationToken, Task<EmployerRegistryEntry?>> registry, FeedMonth? coveredThrough, CancellationToken cancellationToken)
    {
        if (await GraduateIdAsync(iin, cancellationToken) is not { } graduateId)
        {
            return new GraduateFeedTally(0, 0, 0, UnknownGraduate: true);
        }

        var applied = await apply.RunAsync(file, graduateId, rows, registry, coveredThrough, indexes.Prepare, cancellationToken);
        if (applied.Sync is { } sync)
        {
            await changes.SyncInlineAsync(sync.Unit, null, sync.Prepared, sync.Held, cancellationToken);
        }

        return applied.Tally;
    }

    private async Task<string?> GraduateIdAsync(Iin iin, CancellationToken cancellationToken) =>
        await registrations.IdOfAsync(iin.Value, cancellationToken) is { } id && GraduateData.SafeKey(id) ? id : null;
}
