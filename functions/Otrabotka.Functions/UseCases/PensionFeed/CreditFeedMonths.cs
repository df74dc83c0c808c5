using System.Collections.Concurrent;
using Otrabotka.Domain;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>How one graduate's rows of a chunk went: months applied by this import, unchanged, superseded; or no such graduate.</summary>
public sealed record GraduateFeedTally(int Applied, int Unchanged, int Superseded, bool UnknownGraduate = false);

/// <summary>
/// Applies one graduate's rows of a feed file (found by IIN): <see cref="ApplyFeedMonths"/> commits what the rules make
/// of them with the replanned reminders and the status snapshot in the same transaction; when the change moved the due
/// reminders or the operators' index, the committed unit is collected in the caller's list and synced together with
/// the rest of the chunk's graduates (<see cref="SyncAllAsync"/>, ADR 0028). The outbox row held for it finishes the
/// sync should this process stop first.
/// </summary>
public sealed class CreditFeedMonths(GraduateRegistry registrations, ApplyFeedMonths apply, IndexSync indexes, DocumentChanges changes)
{
    public async Task<GraduateFeedTally> ApplyAsync(
        FeedFile file, Iin iin, IReadOnlyList<FeedRow> rows, Func<Bin, CancellationToken, Task<EmployerRegistryEntry?>> registry, FeedMonth? coveredThrough,
        ConcurrentBag<FeedSyncDue> deferred, CancellationToken cancellationToken)
    {
        if (await GraduateIdAsync(iin, cancellationToken) is not { } graduateId)
        {
            return new GraduateFeedTally(0, 0, 0, UnknownGraduate: true);
        }

        var applied = await apply.RunAsync(file, graduateId, rows, registry, coveredThrough, indexes.Prepare, cancellationToken);
        if (applied.Sync is { } sync)
        {
            deferred.Add(sync);
        }

        return applied.Tally;
    }

    /// <summary>The collected graduates' indexes synced together, then each one's held e-mail queued (or its sync row completed).</summary>
    public Task SyncAllAsync(IReadOnlyCollection<FeedSyncDue> deferred, CancellationToken cancellationToken) =>
        deferred.Count == 0 ? Task.CompletedTask : changes.SyncInlineManyAsync(deferred, cancellationToken);

    private async Task<string?> GraduateIdAsync(Iin iin, CancellationToken cancellationToken) =>
        await registrations.IdOfAsync(iin.Value, cancellationToken) is { } id && GraduateData.SafeKey(id) ? id : null;
}
