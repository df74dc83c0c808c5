using Otrabotka.Domain;
using Otrabotka.Functions.Notifications;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// Keeps the reminder due index in step with a graduate's facts, which the domain works out from the documents and
/// the ledger: one row a graduate (PartitionKey = the date of its next pending reminder, RowKey = the graduate's id)
/// carrying every pending reminder with what its message needs, so a daily run reads the rows that are due and
/// nothing else; the full plan stays in the graduate's live plan row (ADR 0020, 0022).
/// </summary>
public sealed class ReminderPlanner(ReminderDueStore due)
{
    /// <summary>The stamp of an imported graduate's first plan (before ADR 0022 it was "initial" alone, in every partition).</summary>
    public const string InitialStamp = "initial-";

    /// <summary>
    /// Replans the unit; returns how the graduate's one due row must move once the plan is committed (ADR 0020). The
    /// reminders pending in the due index stay pending while planned, new ones join (a catch-up too), and after a change
    /// of address (<paramref name="rewrite"/>) every reminder from today on is written again with the new address.
    /// </summary>
    public PlanChange Plan(GraduateUnit unit, Ledger ledger, DateOnly today, bool rewrite)
    {
        var graduate = unit.Graduate;
        var terms = graduate.Obligation.Resolve(RuleTable.Default).Value!;
        var plan = ReminderPolicy.Plan(ReminderFactsRules.Of(graduate.Id, terms, unit.Documents, ledger, today, graduate.Feed?.ConfirmsEmployment(graduate.Iin, today) ?? false));
        var old = unit.Plan;
        var next = plan.Select(EntryOf).ToList();
        var (known, pendingBefore) = (old.Entries.ToHashSet(StringComparer.Ordinal), old.PendingEntries.ToHashSet(StringComparer.Ordinal));
        var pending = plan.Where(r => pendingBefore.Contains(EntryOf(r)) || !known.Contains(EntryOf(r)) || (rewrite && r.DueOn >= today)).ToList();
        var pendingEntries = pending.Select(EntryOf).ToList();
        if (!rewrite && next.SequenceEqual(old.Entries) && pendingEntries.SequenceEqual(old.PendingEntries))
        {
            return PlanChange.None(graduate.Id);
        }

        var stamp = GraduateStore.NewId('p');
        var row = DueRow.Of(graduate.Id, stamp, pending.Select(r => Row(graduate, r, r.DocumentId is { } id ? unit.Find(id) : null)).ToList());
        unit.Replan(new ReminderPlan(next, old.ETag, pendingEntries, row?.DueOn, stamp) { StoredKey = old.StoredKey });
        return new PlanChange(graduate.Id, old.DueAt is { } at && at != row?.DueOn ? at : null, row);
    }

    /// <summary>
    /// After the plan's commit: the graduate's due row written at its date and the row at the old date removed (one or
    /// two calls, side by side: they are rows of different dates, and should either fail, the change's outbox row
    /// runs the whole sync again).
    /// </summary>
    public async Task ApplyAsync(PlanChange change, CancellationToken cancellationToken)
    {
        Task write = change.Write is { } row ? due.UpsertAsync(row, cancellationToken) : Task.CompletedTask;
        var remove = change.Gone is { } gone ? due.DeleteAsync(gone, change.GraduateId, cancellationToken) : Task.CompletedTask;
        await Task.WhenAll(write, remove);
    }

    /// <summary>A new graduate's plan and due row, from the record alone (no documents yet): an import writes them in batches.</summary>
    public static (ReminderPlan Plan, DueRow? Due) Initial(GraduateRecord graduate, DateOnly today)
    {
        var terms = graduate.Obligation.Resolve(RuleTable.Default).Value!;
        var plan = ReminderPolicy.Plan(ReminderFactsRules.Of(graduate.Id, terms, [], GraduateLedger.Compute(graduate, [], today), today));
        var entries = plan.Select(EntryOf).ToList();

        // The same stamp on every run of the import, so a chunk run again after a crash writes the same rows; the
        // graduate's id in it gives the stamp row a row key of its own (ADR 0022).
        var stamp = InitialStamp + graduate.Id;
        var row = DueRow.Of(graduate.Id, stamp, plan.Select(r => Row(graduate, r, null)).ToList());
        return (new ReminderPlan(entries, null, entries, row?.DueOn, stamp), row);
    }

    private static string EntryOf(PlannedReminder reminder) => ReminderDueStore.Entry(reminder.DueOn, reminder.Key);

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
