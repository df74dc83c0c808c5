using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Otrabotka.Domain;
using Otrabotka.Functions.Notifications;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>How one graduate's rows of a chunk went: months applied by this import, unchanged, superseded; or no such graduate.</summary>
public sealed record GraduateFeedTally(int Applied, int Unchanged, int Superseded, bool UnknownGraduate = false);

/// <summary>
/// Applies one graduate's rows of a feed file: the latest file wins per (BIN, month) and a month already so is not
/// written again; the feed's rules then decide the credited periods (kept on the profile, so the ledger sees them),
/// the review items and flags (mirrored to the operators' tables) and the e-mails due. Months, profile and outbox
/// commit in one transaction conditional on the profile's ETag; a conflict is re-read and retried.
/// </summary>
public sealed partial class CreditFeedMonths(StorageClients storage, GraduateRegistry registrations, Outbox outbox, IndexSync indexes, FeedFindings findings, TimeProvider time, ILogger<CreditFeedMonths> logger)
{
    private TableClient Graduates => storage.Table(StorageNames.GraduatesTable);

    public async Task<GraduateFeedTally> ApplyAsync(
        FeedFile file, Iin iin, IReadOnlyList<FeedRow> rows, Func<Bin, CancellationToken, Task<EmployerRegistryEntry?>> registry, CancellationToken cancellationToken)
    {
        if (await GraduateIdAsync(iin, cancellationToken) is not { } graduateId)
        {
            return new GraduateFeedTally(0, 0, 0, UnknownGraduate: true);
        }

        return await RetryPolicy.RunAsync(token => ApplyOnceAsync(file, graduateId, rows, registry, token), () => throw new ConcurrentChangeException(), cancellationToken);
    }

    /// <summary>One attempt from fresh state; a concurrent change of the profile (its ETag) makes the policy run it again.</summary>
    private async Task<GraduateFeedTally> ApplyOnceAsync(
        FeedFile file, string graduateId, IReadOnlyList<FeedRow> rows, Func<Bin, CancellationToken, Task<EmployerRegistryEntry?>> registry, CancellationToken cancellationToken)
    {
        var partition = await FeedPartition.ReadAsync(Graduates, graduateId, cancellationToken);
        return partition.Graduate is { } graduate
            ? await ApplyAsync(file, graduate, partition, rows, registry, cancellationToken)
            : new GraduateFeedTally(0, 0, 0, UnknownGraduate: true);
    }

    private async Task<GraduateFeedTally> ApplyAsync(
        FeedFile file, GraduateRecord graduate, FeedPartition partition, IReadOnlyList<FeedRow> rows, Func<Bin, CancellationToken, Task<EmployerRegistryEntry?>> registry, CancellationToken cancellationToken)
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
        var assessment = FeedAssessor.Assess(graduate, partition.Documents, months, entries, names);
        var today = Almaty.Today(time);
        var ledger = Obligations.Compute(graduate with { Feed = assessment.State }, partition.Documents, today);
        var old = graduate.Feed ?? new FeedState();
        var stateChanged = Json(old) != Json(assessment.State) || graduate.Status != ledger.Status;
        if (merge.Writes.Count == 0 && !stateChanged)
        {
            return merge.Tally;
        }

        await findings.SyncAsync(graduate.Id, old, assessment, names, cancellationToken);
        await CommitAsync(graduate with { Feed = assessment.State, Status = ledger.Status }, merge.Writes, assessment.Mails, cancellationToken);
        if (graduate.Status != ledger.Status || Json(old.Periods) != Json(assessment.State.Periods)
            || old.ConfirmsEmployment(graduate.Iin, today) != assessment.State.ConfirmsEmployment(graduate.Iin, today))
        {
            // The reminder plan and the operators' index follow the credited months and the status.
            await indexes.RunAsync(graduate.Id, null, cancellationToken);
        }

        LogApplied(logger, graduate.Id, merge.Writes.Count, assessment.State.Periods.Count, assessment.Reviews.Count, assessment.Flags.Count, assessment.Mails.Count);
        return merge.Tally;
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

    private async Task<string?> GraduateIdAsync(Iin iin, CancellationToken cancellationToken)
    {
        return await registrations.IdOfAsync(iin.Value, cancellationToken) is { } id && GraduateData.SafeKey(id) ? id : null;
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, UseCases.Json.Options);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed for graduate {GraduateId}: {Months} months written, {Periods} credited periods, {Reviews} reviews, {Flags} flags, {Mails} e-mails")]
    private static partial void LogApplied(ILogger logger, string graduateId, int months, int periods, int reviews, int flags, int mails);
}
