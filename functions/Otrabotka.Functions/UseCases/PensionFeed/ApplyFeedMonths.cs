using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Otrabotka.Domain;
using Otrabotka.Functions.Notifications;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>What applying a graduate's feed did: the rows' tally, whether the reminder plan and operators' index must follow, whether anything was written.</summary>
public sealed record FeedApplied(GraduateFeedTally Tally, bool IndexesStale, bool Committed = false);

/// <summary>
/// Applies rows of a feed file to one graduate — or none, to re-assess them after a document changed: the latest file
/// wins per (BIN, month) and a month already so is not written again; the feed's rules then decide the credited
/// periods (kept on the profile, so the ledger sees them), the review items, flags and watched employers (mirrored to
/// the operators' tables) and the e-mails due. Months, profile and outbox commit in one transaction conditional on
/// the profile's ETag; a conflict is re-read and retried by the retry policy.
/// </summary>
public sealed partial class ApplyFeedMonths(StorageClients storage, Outbox outbox, FeedFindings findings, TimeProvider time, ILogger<ApplyFeedMonths> logger)
{
    private TableClient Graduates => storage.Table(StorageNames.GraduatesTable);

    public Task<FeedApplied> RunAsync(
        FeedFile? file, string graduateId, IReadOnlyList<FeedRow> rows, Func<Bin, CancellationToken, Task<EmployerRegistryEntry?>> registry, FeedMonth? coveredThrough, CancellationToken cancellationToken) =>
        RetryPolicy.RunAsync(token => RunOnceAsync(file, graduateId, rows, registry, coveredThrough, token), () => throw new ConcurrentChangeException(), cancellationToken);

    /// <summary>One attempt from fresh state; a concurrent change of the profile (its ETag) makes the policy run it again.</summary>
    private async Task<FeedApplied> RunOnceAsync(
        FeedFile? file, string graduateId, IReadOnlyList<FeedRow> rows, Func<Bin, CancellationToken, Task<EmployerRegistryEntry?>> registry, FeedMonth? coveredThrough, CancellationToken cancellationToken)
    {
        var partition = await FeedPartition.ReadAsync(Graduates, graduateId, cancellationToken);
        return partition.Graduate is { } graduate
            ? await ApplyAsync(file, graduate, partition, rows, registry, coveredThrough, cancellationToken)
            : new FeedApplied(new GraduateFeedTally(0, 0, 0, UnknownGraduate: true), false);
    }

    private async Task<FeedApplied> ApplyAsync(
        FeedFile? file, GraduateRecord graduate, FeedPartition partition, IReadOnlyList<FeedRow> rows, Func<Bin, CancellationToken, Task<EmployerRegistryEntry?>> registry,
        FeedMonth? coveredThrough, CancellationToken cancellationToken)
    {
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
        await CommitAsync(graduate with { Feed = assessment.State, Status = ledger.Status }, merge.Writes, assessment.Mails, cancellationToken);
        LogApplied(logger, graduate.Id, merge.Writes.Count, assessment.State.Periods.Count, assessment.Reviews.Count, assessment.Flags.Count, assessment.Mails.Count);

        // The reminder plan and the operators' index follow the credited months and the status.
        var indexesStale = graduate.Status != ledger.Status || Json(old.Periods) != Json(assessment.State.Periods)
            || old.ConfirmsEmployment(graduate.Iin, today) != assessment.State.ConfirmsEmployment(graduate.Iin, today);
        return new FeedApplied(merge.Tally, indexesStale, Committed: true);
    }

    private async Task CommitAsync(GraduateRecord updated, IReadOnlyList<StoredFeedMonth> writes, IReadOnlyList<FeedMail> mails, CancellationToken cancellationToken)
    {
        var monthActions = writes.Select(w => new TableTransactionAction(TableTransactionActionType.UpsertReplace, w.ToEntity(updated.Id))).ToList();
        var room = GraduateStore.MaxBatch - 1 - mails.Count;
        foreach (var batch in monthActions.Skip(room).Chunk(GraduateStore.MaxBatch))
        {
            // Months beyond one transaction go first: each is idempotent, and the profile's ETag still guards the rest.
            await GraduateStore.CommitAsync(Graduates, batch, cancellationToken);
        }

        var actions = new List<TableTransactionAction>(monthActions.Take(room))
        {
            new(TableTransactionActionType.UpdateReplace, GraduateStore.ToEntity(updated), updated.ETag),
        };
        var ids = new List<string>();
        foreach (var mail in mails)
        {
            var (id, action) = outbox.Row(updated.Id, updated.Email, mail.Kind, updated.Language, mail.Model);
            ids.Add(id);
            actions.Add(action);
        }

        await outbox.CommitAsync(updated.Id, actions, ids, cancellationToken);
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, UseCases.Json.Options);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed for graduate {GraduateId}: {Months} months written, {Periods} credited periods, {Reviews} reviews, {Flags} flags, {Mails} e-mails")]
    private static partial void LogApplied(ILogger logger, string graduateId, int months, int periods, int reviews, int flags, int mails);
}
