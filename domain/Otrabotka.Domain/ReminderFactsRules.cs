namespace Otrabotka.Domain;

/// <summary>
/// What the reminder policy needs to know, worked out from a graduate's documents and ledger: what counts
/// as proof (a document, or months the pension feed credited), the links awaiting an employer, the job to re-confirm and when it was last confirmed, the
/// deferrals running, and where the current gap in credited time began.
/// </summary>
public static class ReminderFactsRules
{
    /// <param name="feedConfirmsEmployment">The graduate consented and the pension feed shows the last months (<see cref="FeedConsentRules.FeedConfirmsEmployment"/>).</param>
    public static ReminderFacts Of(string graduateId, ObligationTerms terms, IReadOnlyList<Document> documents, Ledger ledger, DateOnly today, bool feedConfirmsEmployment = false)
    {
        var live = documents.Where(d => d.Status is not (DocumentStatus.Rejected or DocumentStatus.Withdrawn)).ToList();
        var closed = ledger.Status is ObligationStatus.Completed or ObligationStatus.Exempt or ObligationStatus.Defaulted;
        var completesOn = ledger.Status is ObligationStatus.Exempt or ObligationStatus.Defaulted ? null : ledger.ProjectedCompletion;
        return new ReminderFacts(
            graduateId, ledger.Start, closed, live.Any(IsProof) || ledger.Periods.Any(p => p.EvidenceOrDocument.Kind == EvidenceKind.PensionFeed), Pending(live), Employments(documents, ledger), Deferrals(ledger, today), LedgerRules.GapStart(ledger.Start, ledger.Periods),
            terms.Rules.AtRiskGapDays, terms.Rules.ReconfirmationMonths, completesOn, feedConfirmsEmployment);
    }

    /// <summary>Every kind but an employment-end shows the graduate is working, or need not.</summary>
    public static bool IsProof(Document document) => document.Kind switch
    {
        DocumentKind.EmploymentConfirmation or DocumentKind.ExemptionProof or DocumentKind.DeferralProof or DocumentKind.UnemploymentRegistration => true,
        DocumentKind.EmploymentEnd => false,
    };

    private static List<PendingConfirmation> Pending(IEnumerable<Document> live) =>
        live.Where(d => d.Status == DocumentStatus.AwaitingEmployer && d.Link?.IssuedAt is not null)
            .Select(d => new PendingConfirmation(d.Id, Almaty.DateOf(d.Link!.IssuedAt!.Value))).ToList();

    /// <summary>The open job, re-confirmed from the later of its start and the last accepted confirmation.</summary>
    private static List<ActiveEmployment> Employments(IEnumerable<Document> documents, Ledger ledger)
    {
        var openJob = ledger.Periods.Where(p => p.Kind == PeriodKind.Employment && p.To is null).OrderByDescending(p => p.From).FirstOrDefault();
        var lastConfirmation = documents.Where(d => d.Kind == DocumentKind.EmploymentConfirmation && d.Status == DocumentStatus.Accepted).MaxBy(d => d.UpdatedAt);
        if (openJob is null || lastConfirmation is null)
        {
            return [];
        }

        var confirmedOn = Almaty.DateOf(lastConfirmation.UpdatedAt);
        return [new ActiveEmployment(openJob.Source, confirmedOn > openJob.From ? confirmedOn : openJob.From)];
    }

    private static List<ActiveDeferral> Deferrals(Ledger ledger, DateOnly today) =>
        ledger.Periods.Where(p => p.Kind == PeriodKind.MilitaryService && p.To is { } end && end >= today)
            .Select(p => new ActiveDeferral(p.Source, p.To!.Value)).ToList();
}
