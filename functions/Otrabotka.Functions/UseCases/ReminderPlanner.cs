using Otrabotka.Domain;
using Otrabotka.Functions.Notifications;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// Keeps the reminder due index (one table, PartitionKey = due date, RowKey = the reminder's de-duplication
/// key) in step with a graduate's facts, which the domain works out from the documents and the ledger.
/// Each due row carries what its message needs, so a daily run reads the rows that are due and nothing else.
/// </summary>
public sealed class ReminderPlanner(ReminderDueStore due)
{
    /// <summary>Replans the unit; returns what the due index must lose and gain once the plan is committed.</summary>
    public PlanChange Plan(GraduateUnit unit, Ledger ledger, DateOnly today, bool rewrite)
    {
        var graduate = unit.Graduate;
        var terms = graduate.Obligation.Resolve(RuleTable.Default).Value!;
        var plan = ReminderPolicy.Plan(ReminderFactsRules.Of(graduate.Id, terms, unit.Documents, ledger, today, graduate.Feed?.ConfirmsEmployment(graduate.Iin, today) ?? false));
        var old = unit.Plan.Entries;
        var next = plan.Select(r => ReminderDueStore.Entry(r.DueOn, r.Key)).ToList();
        if (!old.SequenceEqual(next))
        {
            unit.Replan(next);
        }

        var write = plan.Where(r => rewrite ? r.DueOn >= today : !old.Contains(ReminderDueStore.Entry(r.DueOn, r.Key)))
            .Select(r => Row(graduate, r, r.DocumentId is { } id ? unit.Find(id) : null)).ToList();
        return new PlanChange(old.Except(next).ToList(), write);
    }

    public async Task ApplyAsync(PlanChange change, CancellationToken cancellationToken)
    {
        foreach (var gone in change.Gone)
        {
            await due.DeleteAsync(gone, cancellationToken);
        }

        foreach (var row in change.Write)
        {
            await due.UpsertAsync(row, cancellationToken);
        }
    }

    /// <summary>A new graduate's plan entries and due rows, from the record alone (no documents yet): an import writes them in batches.</summary>
    public static (IReadOnlyList<string> Entries, IReadOnlyList<DueReminder> Due) Initial(GraduateRecord graduate, DateOnly today)
    {
        var terms = graduate.Obligation.Resolve(RuleTable.Default).Value!;
        var plan = ReminderPolicy.Plan(ReminderFactsRules.Of(graduate.Id, terms, [], GraduateLedger.Compute(graduate, [], today), today));
        return (plan.Select(r => ReminderDueStore.Entry(r.DueOn, r.Key)).ToList(), plan.Select(r => Row(graduate, r, null)).ToList());
    }

    private static DueReminder Row(GraduateRecord graduate, PlannedReminder reminder, Document? document)
    {
        var rules = graduate.Obligation.Resolve(RuleTable.Default).Value?.Rules;
        var row = new DueReminder(reminder.DueOn, reminder.Key, graduate.Id, reminder.Kind, reminder.Recipient, reminder.DocumentId, graduate.Email, graduate.FullName, graduate.Language)
        {
            GraduateSex = NoticeModel.SexOf(graduate.Iin), AtRiskGapDays = rules?.AtRiskGapDays, ReconfirmationMonths = rules?.ReconfirmationMonths,
        };
        if (document?.Claim is EmploymentClaim job)
        {
            row = row with { EmployerEmail = job.EmployerEmail, EmployerName = job.EmployerName, TokenVersion = document.Link?.Version, TokenIssuedAt = document.Link?.IssuedAt };
        }

        if (reminder.Kind == ReminderKind.DeferralEnding && document?.Claim is DeferralClaim deferral)
        {
            row = row with { Date = deferral.ServiceEnd ?? reminder.DueOn };
        }

        return row;
    }
}
