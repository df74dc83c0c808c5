using System.Text.Json;
using Microsoft.Extensions.Logging;
using Otrabotka.Domain;
using Otrabotka.Functions.Notifications;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// What applying a graduate's feed did: the rows' tally, whether the reminder plan and operators' index must follow
/// (without a prepared sync), whether anything was written, and the inline sync the caller runs (with one).
/// </summary>
public sealed record FeedApplied(GraduateFeedTally Tally, bool IndexesStale, bool Committed = false, FeedSyncDue? Sync = null);

/// <summary>The committed unit, its prepared index sync and the outbox row held for it: the caller syncs at once.</summary>
public sealed record FeedSyncDue(GraduateUnit Unit, PreparedSync Prepared, HeldRow Held);

/// <summary>
/// Applies rows of a feed file to one graduate — or none, to re-assess them after a document changed: the latest file
/// wins per (BIN, month) and a month already so is not written again; the feed's rules then decide the credited
/// periods (kept on the profile, so the ledger sees them), the review items, flags and watched employers (mirrored to
/// the operators' tables) and the e-mails due. Months, profile and outbox commit in one transaction conditional on
/// the profile's ETag; a conflict is re-read and retried by the retry policy. Given <c>prepare</c> (the index sync's
/// <see cref="IndexSync.Prepare"/>), the replanned reminders and the status snapshot ride in that transaction too and
/// the other tables' indexes are left to the caller's inline sync — only when the change moves them.
/// </summary>
public sealed partial class ApplyFeedMonths(GraduateRepository repository, FeedCommit commit, FeedFindings findings, TimeProvider time, ILogger<ApplyFeedMonths> logger)
{
    public Task<FeedApplied> RunAsync(
        FeedFile? file, string graduateId, IReadOnlyList<FeedRow> rows, Func<Bin, CancellationToken, Task<EmployerRegistryEntry?>> registry, FeedMonth? coveredThrough,
        Func<GraduateUnit, PreparedSync>? prepare, CancellationToken cancellationToken) =>
        RetryPolicy.RunAsync(token => RunOnceAsync(file, graduateId, rows, registry, coveredThrough, prepare, token), () => throw new ConcurrentChangeException(), cancellationToken);

    /// <summary>One attempt from fresh state; a concurrent change of the profile (its ETag) makes the policy run it again.</summary>
    private async Task<FeedApplied> RunOnceAsync(
        FeedFile? file, string graduateId, IReadOnlyList<FeedRow> rows, Func<Bin, CancellationToken, Task<EmployerRegistryEntry?>> registry, FeedMonth? coveredThrough,
        Func<GraduateUnit, PreparedSync>? prepare, CancellationToken cancellationToken)
    {
        var partition = await FeedPartition.ReadAsync(repository, graduateId, cancellationToken);
        return partition.Unit is { } unit
            ? await ApplyAsync(file, unit, partition, rows, registry, coveredThrough, prepare, cancellationToken)
            : new FeedApplied(new GraduateFeedTally(0, 0, 0, UnknownGraduate: true), false);
    }

    private async Task<FeedApplied> ApplyAsync(
        FeedFile? file, GraduateUnit unit, FeedPartition partition, IReadOnlyList<FeedRow> rows, Func<Bin, CancellationToken, Task<EmployerRegistryEntry?>> registry,
        FeedMonth? coveredThrough, Func<GraduateUnit, PreparedSync>? prepare, CancellationToken cancellationToken)
    {
        var graduate = unit.Graduate;
        var merge = FeedMerge.Of(file, partition.Months, rows);
        var iin = Iin.Parse(graduate.Iin).Value;
        var months = merge.Months.Select(m => m.ToContribution(iin)).ToList();
        var entries = new Dictionary<string, EmployerRegistryEntry?>(StringComparer.Ordinal);
        foreach (var bin in months.Select(m => m.EmployerBin).Distinct())
        {
            entries[bin.Value] = await registry(bin, cancellationToken);
        }

        var names = rows.GroupBy(r => r.EmployerBin.Value).ToDictionary(g => g.Key, g => g.Last().EmployerName, StringComparer.Ordinal);
        var today = Almaty.Today(time);
        var assessment = FeedAssessor.Assess(graduate, partition.Documents, months, entries, names, new FeedClock(coveredThrough, today));
        var ledger = GraduateLedger.Compute(graduate with { Feed = assessment.State }, partition.Documents, today);
        var old = graduate.Feed ?? new FeedState();
        var stateChanged = Json(old) != Json(assessment.State) || graduate.Status != ledger.Status;
        if (merge.Writes.Count == 0 && !stateChanged)
        {
            return new FeedApplied(merge.Tally, false);
        }

        await findings.SyncAsync(graduate.Id, old, assessment, names, cancellationToken);
        unit.Update(graduate with { Feed = assessment.State, Status = ledger.Status });
        var prepared = prepare?.Invoke(unit);
        var syncIndexes = prepared is not null && FeedCommit.MovesIndexes(graduate, unit);
        var held = await commit.CommitAsync(unit, merge.Writes, assessment.Mails, syncIndexes, cancellationToken);
        LogApplied(logger, graduate.Id, merge.Writes.Count, assessment.State.Periods.Count, assessment.Reviews.Count, assessment.Flags.Count, assessment.Mails.Count);

        // Without a prepared sync the caller follows with the full one when the credited months or the status moved.
        var indexesStale = prepared is null && (graduate.Status != ledger.Status || Json(old.Periods) != Json(assessment.State.Periods)
            || old.ConfirmsEmployment(graduate.Iin, today) != assessment.State.ConfirmsEmployment(graduate.Iin, today));
        return new FeedApplied(merge.Tally, indexesStale, Committed: true, held is null ? null : new FeedSyncDue(unit, prepared!, held));
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, UseCases.Json.Options);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed for graduate {GraduateId}: {Months} months written, {Periods} credited periods, {Reviews} reviews, {Flags} flags, {Mails} e-mails")]
    private static partial void LogApplied(ILogger logger, string graduateId, int months, int periods, int reviews, int flags, int mails);
}
