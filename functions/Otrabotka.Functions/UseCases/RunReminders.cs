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
/// row on to the date of its next pending reminder (one row a graduate, ADR 0020). Each reminder reads its graduate's
/// live rows once and commits the send, the plan's move and — on a day the status moves with the calendar alone
/// (<see cref="MarksStatusMove"/>) — the status snapshot in one transaction (<see cref="ReminderSender"/>), so the
/// operators' counts and status search follow the calendar with no re-sync query.
/// </summary>
public sealed class RunReminders(ReminderDueStore due, ReminderSender sender, TimeProvider time, ILogger<RunReminders> logger)
{
    public const string MarkerPrefix = ReminderDueStore.MarkerPrefix;

    public DateOnly Today() => Almaty.Today(time);

    public async Task<ReminderRunResult> RunAsync(DateOnly date, string trigger, CancellationToken cancellationToken) =>
        await ProcessAsync(date, await DueAsync(date, null, cancellationToken), trigger, cancellationToken);

    /// <summary>The due index's rows up to the date, one a graduate (all of them, or the first <paramref name="limit"/>).</summary>
    public Task<List<DueRow>> DueAsync(DateOnly date, int? limit, CancellationToken cancellationToken) => due.UpToAsync(date, cancellationToken, limit);

    /// <summary>
    /// Sends the latest step of each series due among the rows once, and moves each row on to its next date. The answer's
    /// entities read are every entity the run read: the due rows and each handled reminder's read of its graduate's live rows.
    /// </summary>
    public async Task<ReminderRunResult> ProcessAsync(DateOnly date, IReadOnlyList<DueRow> rows, string trigger, CancellationToken cancellationToken)
    {
        int sent = 0, alreadySent = 0, dueCount = 0, graduatesRead = 0, rowsRead = 0;
        foreach (var graduate in rows.GroupBy(r => r.GraduateId))
        {
            var reminders = graduate.SelectMany(row => row.DueBy(date)).ToList();
            dueCount += reminders.Count;
            var latest = ReminderPolicy.Latest(reminders.Select(r => r.Planned)).Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
            var toSend = reminders.Where(r => latest.Contains(r.Key)).ToList();
            var owners = graduate.ToLookup(row => toSend.FindIndex(reminder => reminder.Stamp == row.Stamp));
            // The reminders that move no row first: a replan by the one moving the row keeps nothing due today pending.
            foreach (var index in Enumerable.Range(0, toSend.Count).OrderBy(index => owners[index].Any()))
            {
                var handled = await sender.HandleAsync(toSend[index], owners[index].ToList(), date, null, cancellationToken);
                (graduatesRead, rowsRead) = (graduatesRead + handled.GraduatesRead, rowsRead + handled.RowsRead);
                if (handled.Outcome == ReminderOutcome.Sent)
                {
                    sent++;
                }
                else
                {
                    alreadySent++;
                }
            }

            foreach (var row in owners[-1])
            {
                await sender.MoveOnAsync(row, date, cancellationToken);
            }
        }

        var result = new ReminderRunResult(date, rows.Count + rowsRead, sent, alreadySent, dueCount - sent - alreadySent)
        {
            DueRowsRead = rows.Count, GraduatesRead = graduatesRead, RowsRead = rowsRead,
        };
        await due.RecordRunAsync(date, trigger, time.GetUtcNow(), result, cancellationToken);
        logger.RemindersRun(date, trigger, result.EntitiesRead, result.DueRowsRead, result.GraduatesRead, result.RowsRead, result.Sent, result.AlreadySent, result.Superseded);
        return result;
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
}
