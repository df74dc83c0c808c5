using Microsoft.Extensions.Logging;
using Otrabotka.Domain;
using Otrabotka.Functions.Adapters;
using Otrabotka.Functions.Notifications;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// The daily reminder run for an Almaty date: reads the due index up to that date (days missed in downtime
/// are caught up: of each series only the latest step is sent, the domain's catch-up rule), sends each once —
/// a marker row inserted with the outbox row in one transaction makes a second send fail — and moves each graduate's
/// row on to the date of its next pending reminder (one row a graduate, ADR 0020).
/// A reminder due on the day a status moves with the calendar alone (at risk, completed) also re-syncs its graduate's
/// indexes, so the operators' counts and status search follow the calendar (<see cref="MarksStatusMove"/>).
/// </summary>
public sealed partial class RunReminders(ReminderDueStore due, Outbox outbox, EmployerLinks links, IndexSync indexes, TimeProvider time, ILogger<RunReminders> logger)
{
    public const string MarkerPrefix = ReminderDueStore.MarkerPrefix;

    public DateOnly Today() => Almaty.Today(time);

    public async Task<ReminderRunResult> RunAsync(DateOnly date, string trigger, CancellationToken cancellationToken) =>
        await ProcessAsync(date, await DueAsync(date, null, cancellationToken), trigger, cancellationToken);

    /// <summary>The due index's rows up to the date, one a graduate (all of them, or the first <paramref name="limit"/>).</summary>
    public Task<List<DueRow>> DueAsync(DateOnly date, int? limit, CancellationToken cancellationToken) => due.UpToAsync(date, cancellationToken, limit);

    /// <summary>Sends the latest step of each series due among the rows once, and moves each row on to its next date.</summary>
    public async Task<ReminderRunResult> ProcessAsync(DateOnly date, IReadOnlyList<DueRow> rows, string trigger, CancellationToken cancellationToken)
    {
        int sent = 0, alreadySent = 0, dueCount = 0;
        foreach (var graduate in rows.GroupBy(r => r.GraduateId))
        {
            var reminders = graduate.SelectMany(row => row.DueBy(date)).ToList();
            dueCount += reminders.Count;
            var latest = ReminderPolicy.Latest(reminders.Select(r => r.Planned)).Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
            foreach (var reminder in reminders.Where(r => latest.Contains(r.Key)))
            {
                if (await SendAsync(reminder, cancellationToken))
                {
                    sent++;
                }
                else
                {
                    alreadySent++;
                }
            }

            foreach (var row in graduate)
            {
                await MoveOnAsync(row, date, cancellationToken);
            }

            if (reminders.FirstOrDefault(r => MarksStatusMove(r.Kind)) is { } moving)
            {
                await RefreshStatusAsync(moving, cancellationToken);
            }
        }

        var result = new ReminderRunResult(date, rows.Count, sent, alreadySent, dueCount - sent - alreadySent);
        await due.RecordRunAsync(date, trigger, time.GetUtcNow(), result.EntitiesRead, result.Sent, cancellationToken);
        logger.RemindersRun(date, trigger, result.EntitiesRead, result.Sent, result.AlreadySent, result.Superseded);
        return result;
    }

    /// <summary>
    /// A handled row moves on (ADR 0020): what is due after <paramref name="date"/> is added at its next date, the move is
    /// recorded in the graduate's plan checked against the row's stamp (one transaction), then the row goes. A plan
    /// changed since (stale stamp) keeps its own row: the copy made here is removed again. A row written before the
    /// stamp (the older one-reminder layout) just goes, as before. Run again after a crash, each step finds its work done.
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

    /// <summary>Which e-mail each reminder kind sends; a new kind without one fails the build.</summary>
    public static NotificationKind NotificationOf(ReminderKind kind) => kind switch
    {
        ReminderKind.NoEmploymentProof => NotificationKind.ReminderNoEmploymentProof,
        ReminderKind.EmployerNoAnswer => NotificationKind.ReminderEmployerNoAnswer,
        ReminderKind.EmployerSilent => NotificationKind.ReminderEmployerSilent,
        ReminderKind.ReconfirmationDue => NotificationKind.ReminderReconfirmation,
        ReminderKind.DeferralEnding => NotificationKind.ReminderDeferralEnding,
        ReminderKind.AtRisk => NotificationKind.ReminderAtRisk,
        ReminderKind.ObligationCompleted => NotificationKind.ObligationCompleted,
    };

    /// <summary>
    /// Whether a reminder falls due on a day the obligation's status moves with the calendar alone: at risk (the gap
    /// passes its limit; the last no-proof step is that day too) and completed (the day after the last required day).
    /// A new kind without an answer fails the build.
    /// </summary>
    public static bool MarksStatusMove(ReminderKind kind) => kind switch
    {
        ReminderKind.NoEmploymentProof => true,
        ReminderKind.AtRisk => true,
        ReminderKind.ObligationCompleted => true,
        ReminderKind.EmployerNoAnswer => false,
        ReminderKind.EmployerSilent => false,
        ReminderKind.ReconfirmationDue => false,
        ReminderKind.DeferralEnding => false,
    };

    /// <summary>
    /// Re-syncs the graduate's status snapshot, the operators' index and counters when the reminder marks a status
    /// move; a storage failure is logged and left to the graduate's next change (the reminder itself is sent).
    /// </summary>
    public async Task RefreshStatusAsync(DueReminder reminder, CancellationToken cancellationToken)
    {
        if (!MarksStatusMove(reminder.Kind))
        {
            return;
        }

        try
        {
            await indexes.RunAsync(reminder.GraduateId, null, cancellationToken);
        }
        catch (Azure.RequestFailedException ex)
        {
            LogRefreshFailed(logger, reminder.GraduateId, ex.Status);
        }
        catch (ConcurrentChangeException)
        {
            LogRefreshFailed(logger, reminder.GraduateId, 409);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder run: re-syncing graduate {GraduateId}'s status failed with storage status {Status}")]
    private static partial void LogRefreshFailed(ILogger logger, string graduateId, int status);

    /// <summary>Sends one due reminder unless its marker exists (false then); a run's chunks tag the marker with their run.</summary>
    public async Task<bool> SendAsync(DueReminder reminder, CancellationToken cancellationToken, string? runId = null)
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
        var (id, action) = outbox.Row(reminder.GraduateId, to, NotificationOf(reminder.Kind), reminder.Language, model, bilingual: employer);
        List<Azure.Data.Tables.TableTransactionAction> actions = [ReminderDueStore.Marker(reminder, id, time.GetUtcNow(), runId), action];
        if (reminder.Stamp is { } stamp)
        {
            // Sent only while the plan it was written under is still the graduate's (ADR 0020).
            actions.Add(ReminderDueStore.StampCheck(reminder.GraduateId, stamp));
        }

        try
        {
            await outbox.CommitAsync(reminder.GraduateId, actions, [id], cancellationToken);
            return true;
        }
        catch (ConcurrentChangeException)
        {
            // The marker is there: another run sent this reminder.
            return false;
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            // The stamp's row is gone: the graduate's plan changed since this row was written, and its new row stands.
            return false;
        }
    }
}
