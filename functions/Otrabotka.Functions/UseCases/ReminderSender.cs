using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Otrabotka.Domain;
using Otrabotka.Functions.Adapters;
using Otrabotka.Functions.Notifications;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// Sends one due reminder of a graduate and moves on the due rows it came with, reading the graduate once (issue 12):
/// one read of the live rows, then one transaction holding the marker and the outbox row (exactly once, ADR 0003), the
/// plan moved past the run's date (ADR 0020) and — for a reminder on a day the status moves with the calendar
/// (<see cref="RunReminders.MarksStatusMove"/>) — the status snapshot and any replan (<see cref="IndexSync.Prepare"/>);
/// after the commit the operators' index and a replan's due row follow from the committed unit
/// (<see cref="IndexSync.ApplyAsync"/>), so no re-sync query follows. The plan's stamp is checked against the rows as
/// loaded and the plan row is written conditional on its ETag. A reminder sent before (a run repeated after a crash)
/// takes the same path: its marker refuses the e-mail, what the transaction held besides it commits unless it is there
/// already, and the rows move on as after a send. Only rows no loaded plan vouches for — a graduate with no profile,
/// an inline run's row that owns no reminder sent — move with <see cref="MoveOnAsync"/> (ADR 0026).
/// </summary>
public sealed partial class ReminderSender(
    GraduateRepository repository, ReminderDueStore due, Outbox outbox, EmployerLinks links, IndexSync indexes, TimeProvider time, ILogger<ReminderSender> logger)
{
    /// <summary>
    /// Sends the reminder unless its marker exists, and moves on <paramref name="rows"/> (the due rows it owns; a row of
    /// the older layout, with no stamp, just goes). Answers what came of it and what was read; a storage failure throws.
    /// </summary>
    public async Task<ReminderHandled> HandleAsync(DueReminder reminder, IReadOnlyList<DueRow> rows, DateOnly date, string? runId, CancellationToken cancellationToken)
    {
        var read = new ReadTally();
        var attempt = await RetryPolicy.RunAsync(
            token => TryOnceAsync(reminder, rows, date, runId, read, token),
            () => throw new ConcurrentChangeException($"The reminder of graduate {reminder.GraduateId} kept meeting concurrent changes."),
            cancellationToken);
        var outcome = attempt switch
        {
            { Outcome: ReminderOutcome.Stale } => await DropAsync(rows, cancellationToken),
            { Unit: null } => await MoveAllAsync(rows, date, attempt.Outcome, cancellationToken),
            _ => await AfterSendAsync(attempt, rows, cancellationToken),
        };
        return new ReminderHandled(outcome, read.Graduates, read.Rows);
    }

    /// <summary>
    /// One try: the live rows read, the send committed with the plan's move and the snapshot; a reminder sent before
    /// commits them alone (a concurrent change throws, to be tried again). With no profile there is no unit: the send
    /// is checked by the stamp's row alone.
    /// </summary>
    private async Task<Attempt> TryOnceAsync(DueReminder reminder, IReadOnlyList<DueRow> rows, DateOnly date, string? runId, ReadTally read, CancellationToken cancellationToken)
    {
        var (unit, rowsRead) = await repository.LoadCountedAsync(reminder.GraduateId, cancellationToken);
        read.Add(rowsRead);
        if (unit is not null && reminder.Stamp is { } stamp && unit.Plan.Stamp != stamp)
        {
            // The plan changed since the due row was written: its new row stands, this one sends nothing (ADR 0020).
            return new Attempt(ReminderOutcome.Stale, unit, null, null, null);
        }

        var owned = unit is null ? null : rows.FirstOrDefault(row => row.Stamp is not null && row.Stamp == unit.Plan.Stamp);
        var next = owned?.After(date);
        if (owned is not null && MovedOn(unit!.Plan, next) is { } moved)
        {
            unit.Replan(moved);
        }

        var prepared = unit is not null && RunReminders.MarksStatusMove(reminder.Kind) ? indexes.Prepare(unit) : null;
        var (id, actions) = Compose(reminder, runId);
        if (unit is not null)
        {
            actions.AddRange(GraduateRepository.ChangedRows(unit));
        }

        if (unit is not { PlanChanged: true } && reminder.Stamp is { } current)
        {
            // Nothing of the plan is written: the stamp's row proves it is still the graduate's at the commit.
            actions.Add(ReminderDueStore.StampCheck(reminder.GraduateId, current));
        }

        var outcome = await CommitAsync(reminder.GraduateId, actions, id, cancellationToken);
        if (outcome == ReminderOutcome.AlreadySent && unit is not null)
        {
            // Sent before: by this run before a crash, whose transaction moved the plan and wrote the snapshot already
            // (then nothing is written here), or by a run that had not. What is still to write commits without the e-mail.
            await repository.CommitIndexesAsync(unit, cancellationToken);
        }

        return new Attempt(outcome, unit, prepared, owned, next);
    }

    /// <summary>The plan with the row moved on past the run's date; null when the plan says so already (a run repeated after a crash).</summary>
    private static ReminderPlan? MovedOn(ReminderPlan plan, DueRow? next)
    {
        var pending = Moved(plan, next);
        return plan.DueAt == next?.DueOn && plan.PendingEntries.SequenceEqual(pending, StringComparer.Ordinal)
            ? null
            : plan with { Pending = pending, DueAt = next?.DueOn };
    }

    /// <summary>The entries still pending once the row moved on, in the plan's order (so that a replan finding the same plan changes nothing).</summary>
    private static List<string> Moved(ReminderPlan plan, DueRow? next)
    {
        var order = plan.Entries.Select((entry, index) => (entry, index)).DistinctBy(pair => pair.entry, StringComparer.Ordinal).ToDictionary(pair => pair.entry, pair => pair.index, StringComparer.Ordinal);
        return (next?.Reminders ?? []).Select(reminder => ReminderDueStore.Entry(reminder.DueOn, reminder.Key)).OrderBy(entry => order.GetValueOrDefault(entry, int.MaxValue)).ToList();
    }

    /// <summary>The transaction: sent, or refused by the marker (sent before) or by the stamp (the plan changed); a concurrent change throws.</summary>
    private async Task<ReminderOutcome> CommitAsync(string graduateId, List<TableTransactionAction> actions, string notificationId, CancellationToken cancellationToken)
    {
        try
        {
            await outbox.CommitAsync(graduateId, actions, [notificationId], cancellationToken);
            return ReminderOutcome.Sent;
        }
        catch (ConcurrentChangeException ex) when (ex.InnerException is TableTransactionFailedException { Status: 409, FailedTransactionActionIndex: 0 })
        {
            // The marker is there: this reminder was sent before (by another run, or this one before a crash).
            return ReminderOutcome.AlreadySent;
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 404)
        {
            // The stamp's row is gone: the graduate's plan changed since the load.
            return ReminderOutcome.Stale;
        }
    }

    /// <summary>After the send (now or before): the committed unit's indexes (a snapshot or replan), then the due row moved on.</summary>
    private async Task<ReminderOutcome> AfterSendAsync(Attempt sent, IReadOnlyList<DueRow> rows, CancellationToken cancellationToken)
    {
        if (sent.Prepared is { } prepared)
        {
            await ApplyAsync(sent.Unit!, prepared, cancellationToken);
        }

        if (sent.Next is { } next && sent.Unit!.Plan.Stamp == sent.Owned!.Stamp)
        {
            // The plan kept its stamp: the rest of the row waits at its next date (a replan wrote a row of its own instead).
            await due.AddAsync(next, cancellationToken);
        }

        return await DropAsync(rows, sent.Outcome, cancellationToken);
    }

    /// <summary>
    /// The operators' index and a replan's due row, from the committed unit; a failure is logged and left to the
    /// graduate's next change or the daily calendar pass (ADR 0019): the reminder itself is sent.
    /// </summary>
    private async Task ApplyAsync(GraduateUnit unit, PreparedSync prepared, CancellationToken cancellationToken)
    {
        try
        {
            await indexes.ApplyAsync(unit, null, prepared, cancellationToken);
        }
        catch (RequestFailedException ex)
        {
            LogRefreshFailed(logger, unit.Graduate.Id, ex.Status);
        }
        catch (ConcurrentChangeException)
        {
            LogRefreshFailed(logger, unit.Graduate.Id, 409);
        }
    }

    /// <summary>The rows go, each conditional on the ETag it was read with (a row rewritten since by a plan change stands).</summary>
    private Task<ReminderOutcome> DropAsync(IReadOnlyList<DueRow> rows, CancellationToken cancellationToken) => DropAsync(rows, ReminderOutcome.Stale, cancellationToken);

    private async Task<ReminderOutcome> DropAsync(IReadOnlyList<DueRow> rows, ReminderOutcome outcome, CancellationToken cancellationToken)
    {
        foreach (var row in rows)
        {
            await due.DeleteAsync(row, cancellationToken);
        }

        return outcome;
    }

    private async Task<ReminderOutcome> MoveAllAsync(IReadOnlyList<DueRow> rows, DateOnly date, ReminderOutcome outcome, CancellationToken cancellationToken)
    {
        foreach (var row in rows)
        {
            await MoveOnAsync(row, date, cancellationToken);
        }

        return outcome;
    }

    /// <summary>
    /// A row no loaded plan vouches for (a graduate with no profile; an inline run's row owning no reminder sent) moves
    /// on (ADR 0020): what is due after <paramref name="date"/> is added at its next date, the move is recorded in the
    /// graduate's plan checked against the row's stamp (one transaction), then the row goes. A plan changed since (stale
    /// stamp) keeps its own row: the copy made here is removed again. A row written before the stamp (the older
    /// one-reminder layout) just goes, as before. Run again after a crash, each step finds its work done.
    /// </summary>
    public async Task MoveOnAsync(DueRow row, DateOnly date, CancellationToken cancellationToken)
    {
        if (row.Stamp is not null)
        {
            var next = row.After(date);
            var added = next is null ? null : await due.AddAsync(next, cancellationToken);
            if (!await due.RecordMoveAsync(row, next, cancellationToken) && added is not null)
            {
                await due.DeleteAsync(added, cancellationToken);
            }
        }

        await due.DeleteAsync(row, cancellationToken);
    }

    /// <summary>The reminder's marker (first: a second send fails the transaction at index 0) and its outbox row; a run's chunks tag the marker with their run.</summary>
    private (string Id, List<TableTransactionAction> Actions) Compose(DueReminder reminder, string? runId)
    {
        var employer = reminder.Recipient == Recipient.Employer;
        var link = reminder is { EmployerEmail: { } email, TokenIssuedAt: { } issued, DocumentId: { } documentId }
            ? links.For(new EmployerClaim(reminder.GraduateId, documentId, email, reminder.TokenVersion ?? 1, issued))
            : null;
        var model = new NoticeModel(GraduateName: reminder.Name, EmployerName: reminder.EmployerName, Link: link, Date: reminder.Date)
        {
            GraduateSex = reminder.GraduateSex, AtRiskGapDays = reminder.AtRiskGapDays, ReconfirmationMonths = reminder.ReconfirmationMonths,
        };
        var to = employer ? reminder.EmployerEmail! : reminder.To;
        var (id, action) = outbox.Row(reminder.GraduateId, to, RunReminders.NotificationOf(reminder.Kind), reminder.Language, model, bilingual: employer);
        return (id, [ReminderDueStore.Marker(reminder, id, time.GetUtcNow(), runId), action]);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder run: syncing graduate {GraduateId}'s indexes after a reminder failed with storage status {Status}")]
    private static partial void LogRefreshFailed(ILogger logger, string graduateId, int status);

    /// <summary>One try's result: the outcome, the unit as committed (null: no profile), the prepared sync, the row moved and its next row.</summary>
    private sealed record Attempt(ReminderOutcome Outcome, GraduateUnit? Unit, PreparedSync? Prepared, DueRow? Owned, DueRow? Next);

    /// <summary>What the tries read: graduates (live-row queries) and their entities.</summary>
    private sealed class ReadTally
    {
        public int Graduates { get; private set; }

        public int Rows { get; private set; }

        public void Add(int rows)
        {
            Graduates++;
            Rows += rows;
        }
    }
}
