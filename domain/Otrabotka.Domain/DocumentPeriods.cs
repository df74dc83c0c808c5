namespace Otrabotka.Domain;

/// <summary>
/// A graduate's accepted documents become the ledger's periods, each with its evidence. An accepted
/// employment-end closes the job <see cref="EmploymentEndRules.Closes"/> picks — the same function validation
/// uses, so an end that validation accepts always closes the job it was checked against.
/// </summary>
public static class DocumentPeriods
{
    public static IReadOnlyList<Period> Of(IEnumerable<Document> documents)
    {
        var jobs = new List<Period>();
        var periods = new List<Period>();
        foreach (var document in documents.Where(d => d.Status == DocumentStatus.Accepted).OrderBy(d => d.ReceivedAt))
        {
            if (PeriodOf(document, jobs) is { } period)
            {
                periods.Add(period);
            }
        }

        periods.AddRange(jobs);
        return periods;
    }

    /// <summary>The accepted jobs (employment periods) as they stand once every accepted document is applied.</summary>
    public static IReadOnlyList<Period> Jobs(IEnumerable<Document> documents)
    {
        var jobs = new List<Period>();
        foreach (var document in documents.Where(d => d.Status == DocumentStatus.Accepted).OrderBy(d => d.ReceivedAt))
        {
            PeriodOf(document, jobs);
        }

        return jobs;
    }

    private static Period? PeriodOf(Document document, List<Period> jobs) => document.Kind switch
    {
        DocumentKind.EmploymentConfirmation => Open(jobs, document),
        DocumentKind.EmploymentEnd => Close(jobs, (EmploymentEndClaim)document.Claim),
        DocumentKind.UnemploymentRegistration => Unemployment(document),
        DocumentKind.DeferralProof => Deferral(document),
        DocumentKind.ExemptionProof => new Period(PeriodKind.Exemption, ((ExemptionClaim)document.Claim).CommissionDecisionDate, null, document.Id, PeriodEvidence.Of(document)),
    };

    private static Period? Open(List<Period> jobs, Document document)
    {
        var claim = (EmploymentClaim)document.Claim;
        jobs.Add(new Period(PeriodKind.Employment, claim.StartDate, claim.EndDate, document.Id, PeriodEvidence.Of(document)));
        return null;
    }

    private static Period? Close(List<Period> jobs, EmploymentEndClaim end)
    {
        var closed = EmploymentEndRules.Closes(jobs, end.EmploymentDocumentId, end.EndDate);
        if (closed.IsValid)
        {
            jobs[jobs.IndexOf(closed.Value!)] = closed.Value! with { To = end.EndDate };
        }

        return null;
    }

    private static Period Unemployment(Document document)
    {
        var claim = (UnemploymentClaim)document.Claim;
        return new Period(PeriodKind.UnemploymentRegistration, claim.RegisteredFrom, claim.RegisteredTo, document.Id, PeriodEvidence.Of(document));
    }

    private static Period Deferral(Document document)
    {
        var claim = (DeferralClaim)document.Claim;
        return new Period(PeriodKind.MilitaryService, claim.ServiceStart, claim.ServiceEnd, document.Id, PeriodEvidence.Of(document));
    }
}
