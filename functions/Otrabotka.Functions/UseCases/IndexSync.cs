using System.Collections.Concurrent;
using Otrabotka.Domain;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// Brings every index that crosses graduates up to date with one graduate's live rows (read once): the
/// review queue (for a document), the reminder due index, and the profile's status/region snapshot used
/// by search, and the operators' search index and dashboard counters built from that snapshot. Idempotent. Runs right after each change, and again from an outbox row written in the
/// change's own transaction, so a crash between the commit and the first run is repaired by the
/// dispatcher or sweeper. The plan and the snapshot commit together, ETag-conditional.
/// </summary>
public sealed class IndexSync(GraduateRepository repository, ReviewQueue review, ReminderPlanner reminders, OperatorIndex operators, ReassessFeed feed, TimeProvider time)
{
    public const string Kind = "index-sync";

    /// <summary>A sync that keeps losing to concurrent changes throws <see cref="ConcurrentChangeException"/>: its outbox row stays pending and runs it again.</summary>
    public Task RunAsync(string graduateId, string? documentId, CancellationToken cancellationToken) =>
        RetryPolicy.RunAsync(
            async attempt =>
            {
                await SyncOnceAsync(graduateId, documentId, snapshot: true, rewrite: false, repairIndex: false, attempt);
                return true;
            },
            () => throw new ConcurrentChangeException($"The index sync of graduate {graduateId} kept meeting concurrent changes."),
            cancellationToken);

    /// <summary>Everything <see cref="RunAsync"/> does, with the operators' index rows written even if they look current (the operators' re-sync).</summary>
    public Task ResyncAsync(string graduateId, CancellationToken cancellationToken) =>
        RetryPolicy.RunAsync(
            async attempt =>
            {
                await SyncOnceAsync(graduateId, null, snapshot: true, rewrite: false, repairIndex: true, attempt);
                return true;
            },
            () => throw new ConcurrentChangeException($"The re-sync of graduate {graduateId} kept meeting concurrent changes."),
            cancellationToken);

    /// <summary>Only the reminder plan: after registration, and with every due row rewritten after a change of address.</summary>
    public Task PlanRemindersAsync(string graduateId, bool rewrite, CancellationToken cancellationToken) =>
        RetryPolicy.RunAsync(attempt => SyncOnceAsync(graduateId, null, snapshot: false, rewrite, repairIndex: false, attempt), cancellationToken);

    /// <summary>
    /// Before a loaded unit's commit: what index sync keeps in the partition itself (the reminder plan, the
    /// profile's status snapshot) is put into the unit, so the change's own transaction writes it.
    /// </summary>
    public PreparedSync Prepare(GraduateUnit unit)
    {
        var today = Almaty.Today(time);
        var ledger = GraduateLedger.Compute(unit.Graduate, unit.Documents, today);
        var change = reminders.Plan(unit, ledger, today, rewrite: false);
        Snapshot(unit, ledger);
        return new PreparedSync(change, ledger.Status, OperatorDesk.NextStatusChange.Of(unit.Graduate, unit.Documents, today));
    }

    /// <summary>
    /// After that commit: the indexes in other tables, from the committed unit (no re-read). The review queue
    /// only when the document is, was or passed through "awaiting review"; the operators' index only when the
    /// profile changed or an accepted document may have moved the day the status next changes with the calendar.
    /// </summary>
    public async Task ApplyAsync(GraduateUnit unit, string? documentId, PreparedSync prepared, CancellationToken cancellationToken)
    {
        await reminders.ApplyAsync(prepared.Change, cancellationToken);
        if (documentId is not null && unit.Graduate.Feed is { HasMonths: true })
        {
            // A document changed under feed months: the feed's cross-checks and credited dates are judged again,
            // then every index is synced in full (issue 16; graduates with no feed months keep the short path).
            await RunAsync(unit.Graduate.Id, documentId, cancellationToken);
            return;
        }

        if (documentId is not null && unit.Find(documentId) is { } document && TouchesReview(document))
        {
            await review.SyncAsync(unit.Graduate, document, cancellationToken);
        }

        if (unit.ProfileChanged || (documentId is not null && unit.Find(documentId) is { } changed && TouchesLedger(changed)))
        {
            await operators.SyncAsync(unit.Graduate with { Status = unit.Graduate.Status ?? prepared.Status }, prepared.StatusChangesOn, cancellationToken);
        }
    }

    /// <summary>
    /// As <see cref="ApplyAsync"/> for many units just committed without a document (a feed chunk's graduates): each
    /// one's reminders, then the operators' index of those whose profile changed, in batches
    /// (<see cref="OperatorIndex.SyncManyAsync"/>). Answers the graduates whose sync did not finish; their held rows
    /// go to the dispatcher, which syncs in full.
    /// </summary>
    public async Task<IReadOnlySet<string>> ApplyManyAsync(IReadOnlyCollection<(GraduateUnit Unit, PreparedSync Prepared)> committed, CancellationToken cancellationToken)
    {
        var failed = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(committed, new ParallelOptions { MaxDegreeOfParallelism = ManyParallelism, CancellationToken = cancellationToken }, async (item, token) =>
        {
            try
            {
                await reminders.ApplyAsync(item.Prepared.Change, token);
            }
#pragma warning disable CA1031 // One graduate's failure is theirs alone: the outbox finishes their sync.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                failed[item.Unit.Graduate.Id] = true;
            }
        });
        var due = committed.Where(item => item.Unit.ProfileChanged && !failed.ContainsKey(item.Unit.Graduate.Id))
            .Select(item => (item.Unit.Graduate with { Status = item.Unit.Graduate.Status ?? item.Prepared.Status }, item.Prepared.StatusChangesOn)).ToList();
        foreach (var id in await operators.SyncManyAsync(due, StillCurrentAsync, cancellationToken))
        {
            failed[id] = true;
        }

        return failed.Keys.ToHashSet(StringComparer.Ordinal);
    }

    private const int ManyParallelism = 16;

    /// <summary>
    /// Whether the profile as stored now still gives the index this graduate is about to be synced to: another change
    /// may have committed since (a batched sync runs up to a chunk's time after the commit), and then the dispatcher
    /// syncs in full from what is stored instead. One point read, only for a graduate whose index moves.
    /// </summary>
    private async Task<bool> StillCurrentAsync(GraduateRecord indexed, CancellationToken cancellationToken) =>
        await repository.ProfileAsync(indexed, cancellationToken) is { } stored
        && OperatorIndexRows.Of(stored with { Status = stored.Status ?? indexed.Status }).Fingerprint == OperatorIndexRows.Of(indexed).Fingerprint;

    /// <summary>Only accepted documents are periods of the ledger.</summary>
    private static bool TouchesLedger(Document document) =>
        document.Status == DocumentStatus.Accepted || document.LoadedStatus == DocumentStatus.Accepted
        || document.NewHistory.Any(change => change.Status == DocumentStatus.Accepted);

    private static bool TouchesReview(Document document) =>
        document.Status == DocumentStatus.AwaitingReview || document.LoadedStatus == DocumentStatus.AwaitingReview
        || document.NewHistory.Any(change => change.Status == DocumentStatus.AwaitingReview);

    private async Task SyncOnceAsync(string graduateId, string? documentId, bool snapshot, bool rewrite, bool repairIndex, CancellationToken cancellationToken)
    {
        if (await repository.LoadAsync(graduateId, cancellationToken) is not { } unit)
        {
            return;
        }

        if (documentId is not null && unit.Graduate.Feed is { HasMonths: true } && (await feed.RunAsync(graduateId, cancellationToken)).Committed)
        {
            // A document changed under feed months: the cross-checks and credited dates are judged again first (issue 16).
            unit = await repository.LoadAsync(graduateId, cancellationToken) ?? unit;
        }

        if (documentId is not null && unit.Find(documentId) is { } document)
        {
            await review.SyncAsync(unit.Graduate, document, cancellationToken);
        }

        var today = Almaty.Today(time);
        var ledger = GraduateLedger.Compute(unit.Graduate, unit.Documents, today);
        var change = reminders.Plan(unit, ledger, today, rewrite);
        if (snapshot)
        {
            Snapshot(unit, ledger);
        }

        await repository.CommitIndexesAsync(unit, cancellationToken);
        await reminders.ApplyAsync(change, cancellationToken);

        // The operators' search index and dashboard counters, from the snapshot (a new graduate: the ledger's status).
        await operators.SyncAsync(unit.Graduate with { Status = unit.Graduate.Status ?? ledger.Status }, OperatorDesk.NextStatusChange.Of(unit.Graduate, unit.Documents, today), repairIndex, cancellationToken);
    }

    /// <summary>The profile's status and region (from the latest accepted job), kept current for operators' search.</summary>
    private static void Snapshot(GraduateUnit unit, Ledger ledger)
    {
        var graduate = unit.Graduate;
        var region = unit.Documents.Where(d => d.Kind == DocumentKind.EmploymentConfirmation && d.Status == DocumentStatus.Accepted)
            .OrderByDescending(d => d.ReceivedAt).Select(d => (Region?)((EmploymentClaim)d.Claim).Workplace.Region).FirstOrDefault() ?? graduate.Region;
        if (graduate.Status != ledger.Status || graduate.Region != region)
        {
            unit.Update(graduate with { Status = ledger.Status, Region = region });
        }
    }
}
