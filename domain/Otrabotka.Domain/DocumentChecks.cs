namespace Otrabotka.Domain;

/// <summary>An employment confirmation as the graduate states it, with the employer to ask and the position.</summary>
public sealed record EmploymentClaim(string EmployerBin, Workplace Workplace, DateOnly StartDate, DateOnly? EndDate, string EmployerName = "", string EmployerEmail = "", string Position = "") : IDocumentClaim
{
    DocumentKind IDocumentClaim.Kind => DocumentKind.EmploymentConfirmation;
}

/// <summary>An employment-centre registration after the commission's referral for lack of a vacancy.</summary>
public sealed record UnemploymentClaim(DateOnly ReferralDate, DateOnly RegisteredFrom, DateOnly? RegisteredTo) : IDocumentClaim
{
    DocumentKind IDocumentClaim.Kind => DocumentKind.UnemploymentRegistration;
}

/// <summary>The machine's checks of each document kind's content (file sanity is separate: FileRules).</summary>
public static class DocumentChecks
{
    /// <summary>An employment claim; <paramref name="otherJobs"/> are the graduate's other accepted jobs (for the late-start warning).</summary>
    public static Eligibility Employment(ObligationTerms terms, EmploymentClaim claim, DateOnly today, IEnumerable<Period>? otherJobs = null)
    {
        var reasons = new List<Reason>();
        var bin = Bin.Parse(claim.EmployerBin);
        reasons.AddRange(bin.Reasons);
        var eligibility = EligibilityRules.Check(terms, claim.Workplace, claim.StartDate, otherJobs);
        reasons.AddRange(eligibility.Reasons);
        if (claim.EndDate is { } end && end < claim.StartDate)
        {
            reasons.Add(DomainReasons.EndBeforeStart);
        }

        // A contract signed in August for 1 September is normal: it credits from its start date [decision].
        if (claim.StartDate > today.AddMonths(terms.Rules.MaxStartAheadMonths))
        {
            reasons.Add(DomainReasons.StartTooFarAhead);
        }

        return new Eligibility(reasons, eligibility.Warnings);
    }

    /// <summary>An employment-end: the job it closes (<see cref="EmploymentEndRules.Closes"/>) must exist and start by the end date.</summary>
    public static IReadOnlyList<Reason> EmploymentEnd(IEnumerable<Period> jobs, string? employmentDocumentId, DateOnly endDate)
    {
        var job = EmploymentEndRules.Closes(jobs, employmentDocumentId, endDate);
        if (!job.IsValid)
        {
            return job.Reasons;
        }

        return endDate < job.Value!.From ? [DomainReasons.EndBeforeStart] : [];
    }

    /// <summary>A job-seeker registration: the commission's referral dated in the graduation year, before the registration.</summary>
    public static IReadOnlyList<Reason> Unemployment(ObligationTerms terms, UnemploymentClaim claim, DateOnly today)
    {
        var reasons = new List<Reason>();
        if (claim.ReferralDate.Year != terms.GraduationYear)
        {
            reasons.Add(DomainReasons.ReferralOutsideGraduationYear);
        }

        if (claim.ReferralDate > claim.RegisteredFrom)
        {
            reasons.Add(DomainReasons.ReferralAfterRegistration);
        }

        if (claim.RegisteredTo is { } to && to < claim.RegisteredFrom)
        {
            reasons.Add(DomainReasons.EndBeforeStart);
        }

        if (claim.RegisteredFrom > today)
        {
            reasons.Add(DomainReasons.DateInFuture);
        }

        return reasons;
    }
}
