namespace Otrabotka.Domain;

public enum ReminderKind
{
    /// <summary>No employment proof by the obligation's start, and again 30, 60 and 90 days later.</summary>
    NoEmploymentProof,
    /// <summary>The employer has not answered a confirmation request: 3 and 7 days (to the employer).</summary>
    EmployerNoAnswer,
    /// <summary>The employer has not answered after 10 days (to the graduate).</summary>
    EmployerSilent,
    /// <summary>Continued employment is re-confirmed every 6 months [decision].</summary>
    ReconfirmationDue,
    /// <summary>A deferral (military service) ends within 30 days.</summary>
    DeferralEnding,
    /// <summary>A gap of over 90 days without an accepted document [decision]; never while paused.</summary>
    AtRisk,
    /// <summary>Not a reminder but a notice: the obligation is fulfilled (sent on the day after the last required day).</summary>
    ObligationCompleted,
}

public enum Recipient
{
    Graduate,
    Employer,
}

/// <summary>One reminder that the facts call for: when it is due, and its de-duplication key (graduate, kind, period).</summary>
public sealed record PlannedReminder(ReminderKind Kind, Recipient Recipient, DateOnly DueOn, string Key, string? DocumentId);

public sealed record PendingConfirmation(string DocumentId, DateOnly LinkSentOn);

public sealed record ActiveEmployment(string DocumentId, DateOnly LastConfirmedOn);

public sealed record ActiveDeferral(string DocumentId, DateOnly ServiceEnd);

/// <summary>
/// What the reminder policy needs to know of one graduate. <see cref="FeedConfirmsEmployment"/>: the graduate
/// consented and the pension feed shows the last months (<see cref="FeedConsentRules.FeedConfirmsEmployment"/>),
/// so no re-confirmation is asked.
/// </summary>
public sealed record ReminderFacts(
    string GraduateId,
    DateOnly ObligationStart,
    bool Closed,
    bool HasEmploymentProof,
    IReadOnlyList<PendingConfirmation> PendingConfirmations,
    IReadOnlyList<ActiveEmployment> Employments,
    IReadOnlyList<ActiveDeferral> Deferrals,
    DateOnly? GapStart,
    int AtRiskGapDays = 90,
    int ReconfirmationMonths = 6,
    DateOnly? CompletesOn = null,
    bool FeedConfirmsEmployment = false);

/// <summary>
/// The reminder policy as pure functions. <see cref="Plan"/> lists every reminder the facts call for, past
/// and future (the store keeps them in a due index by date); <see cref="Due"/> lists those due by a day,
/// keeping only the latest step of a series so that days missed in downtime send one catch-up, not many.
/// </summary>
public static class ReminderPolicy
{
    public static readonly int[] NoProofOffsets = [0, 30, 60, 90];
    public static readonly int[] EmployerOffsets = [3, 7];
    public const int EmployerSilentOffset = 10;
    public const int DeferralNoticeDays = 30;

    public static IReadOnlyList<PlannedReminder> Plan(ReminderFacts facts)
    {
        var plan = new List<PlannedReminder>();
        var g = facts.GraduateId;
        if (facts.CompletesOn is { } completes)
        {
            // The last required day is known (a job that runs on, or time already credited): say so the day after.
            plan.Add(new(ReminderKind.ObligationCompleted, Recipient.Graduate, completes.AddDays(1), $"{g}|completed", null));
        }

        if (facts.Closed)
        {
            return plan;
        }

        if (!facts.HasEmploymentProof)
        {
            foreach (var offset in NoProofOffsets)
            {
                plan.Add(new(ReminderKind.NoEmploymentProof, Recipient.Graduate, facts.ObligationStart.AddDays(offset), $"{g}|no-proof|{Iso(facts.ObligationStart)}+{offset}", null));
            }
        }

        foreach (var pending in facts.PendingConfirmations)
        {
            foreach (var offset in EmployerOffsets)
            {
                plan.Add(new(ReminderKind.EmployerNoAnswer, Recipient.Employer, pending.LinkSentOn.AddDays(offset), $"{g}|employer|{pending.DocumentId}|{Iso(pending.LinkSentOn)}+{offset}", pending.DocumentId));
            }

            plan.Add(new(ReminderKind.EmployerSilent, Recipient.Graduate, pending.LinkSentOn.AddDays(EmployerSilentOffset), $"{g}|employer-silent|{pending.DocumentId}|{Iso(pending.LinkSentOn)}", pending.DocumentId));
        }

        foreach (var job in facts.FeedConfirmsEmployment ? [] : facts.Employments)
        {
            var due = job.LastConfirmedOn.AddMonths(facts.ReconfirmationMonths);
            plan.Add(new(ReminderKind.ReconfirmationDue, Recipient.Graduate, due, $"{g}|reconfirm|{job.DocumentId}|{Iso(due)}", job.DocumentId));
        }

        foreach (var deferral in facts.Deferrals)
        {
            plan.Add(new(ReminderKind.DeferralEnding, Recipient.Graduate, deferral.ServiceEnd.AddDays(-DeferralNoticeDays), $"{g}|deferral-ending|{deferral.DocumentId}|{Iso(deferral.ServiceEnd)}", deferral.DocumentId));
        }

        if (facts.GapStart is { } gapStart && facts.HasEmploymentProof)
        {
            // Due on the day the ledger turns at-risk: the gap's day number AtRiskGapDays + 1 (LedgerRules.Compute).
            plan.Add(new(ReminderKind.AtRisk, Recipient.Graduate, gapStart.AddDays(facts.AtRiskGapDays), $"{g}|at-risk|{Iso(gapStart)}", null));
        }

        // Nothing is asked of a graduate once the obligation will have been fulfilled.
        return facts.CompletesOn is { } done ? plan.Where(r => r.Kind == ReminderKind.ObligationCompleted || r.DueOn <= done).ToList() : plan;
    }

    public static IReadOnlyList<PlannedReminder> Due(ReminderFacts facts, DateOnly today) => Latest(Plan(facts).Where(r => r.DueOn <= today));

    /// <summary>Of each series (kind, recipient, document), only the step due last.</summary>
    public static IReadOnlyList<PlannedReminder> Latest(IEnumerable<PlannedReminder> due) =>
        due.GroupBy(r => (r.Kind, r.Recipient, r.DocumentId))
           .Select(series => series.MaxBy(r => r.DueOn)!)
           .OrderBy(r => r.DueOn)
           .ToList();

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
