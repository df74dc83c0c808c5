using Microsoft.Extensions.Logging;
using Otrabotka.Domain;
using Otrabotka.Functions.Adapters;
using Otrabotka.Functions.Notifications;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// The daily reminder run for an Almaty date: reads the due index up to that date (days missed in downtime
/// are caught up: of each series only the latest step is sent, the domain's catch-up rule), sends each once —
/// a marker row inserted with the outbox row in one transaction makes a second send fail — and removes what it handled.
/// </summary>
public sealed class RunReminders(ReminderDueStore due, Outbox outbox, EmployerLinks links, TimeProvider time, ILogger<RunReminders> logger)
{
    public const string MarkerPrefix = ReminderDueStore.MarkerPrefix;

    public DateOnly Today() => Almaty.Today(time);

    public async Task<ReminderRunResult> RunAsync(DateOnly date, string trigger, CancellationToken cancellationToken) =>
        await ProcessAsync(date, await DueAsync(date, null, cancellationToken), trigger, cancellationToken);

    /// <summary>The due index's rows up to the date (all of them, or the first <paramref name="limit"/>).</summary>
    public Task<List<DueReminder>> DueAsync(DateOnly date, int? limit, CancellationToken cancellationToken) => due.UpToAsync(date, cancellationToken, limit);

    /// <summary>Sends the latest step of each series among the rows once and removes the rows.</summary>
    public async Task<ReminderRunResult> ProcessAsync(DateOnly date, IReadOnlyList<DueReminder> rows, string trigger, CancellationToken cancellationToken)
    {
        int sent = 0, alreadySent = 0;
        foreach (var graduate in rows.GroupBy(r => r.GraduateId))
        {
            var latest = ReminderPolicy.Latest(graduate.Select(r => r.Planned)).Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
            foreach (var reminder in graduate.Where(r => latest.Contains(r.Key)))
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

            foreach (var reminder in graduate)
            {
                await due.DeleteAsync(reminder, cancellationToken);
            }
        }

        var result = new ReminderRunResult(date, rows.Count, sent, alreadySent, rows.Count - sent - alreadySent);
        await due.RecordRunAsync(date, trigger, time.GetUtcNow(), result.EntitiesRead, result.Sent, cancellationToken);
        logger.RemindersRun(date, trigger, result.EntitiesRead, result.Sent, result.AlreadySent, result.Superseded);
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
        try
        {
            await outbox.CommitAsync(reminder.GraduateId, [ReminderDueStore.Marker(reminder, id, time.GetUtcNow(), runId), action], [id], cancellationToken);
            return true;
        }
        catch (ConcurrentChangeException)
        {
            // The marker is there: another run sent this reminder.
            return false;
        }
    }
}
