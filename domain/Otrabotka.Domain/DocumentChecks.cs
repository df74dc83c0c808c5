namespace Otrabotka.Domain;

/// <summary>An employment confirmation as the graduate states it.</summary>
public sealed record EmploymentClaim(string EmployerBin, Workplace Workplace, DateOnly StartDate, DateOnly? EndDate);

/// <summary>An employment-centre registration after the commission's referral for lack of a vacancy.</summary>
public sealed record UnemploymentClaim(DateOnly ReferralDate, DateOnly RegisteredFrom, DateOnly? RegisteredTo);

/// <summary>The machine's checks of each document kind's content (file sanity is separate: FileRules).</summary>
public static class DocumentChecks
{
    public static Eligibility Employment(ObligationTerms terms, EmploymentClaim claim, DateOnly today)
    {
        var reasons = new List<Reason>();
        var bin = Bin.Parse(claim.EmployerBin);
        reasons.AddRange(bin.Reasons);
        var eligibility = EligibilityRules.Check(terms, claim.Workplace, claim.StartDate);
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

    public static IReadOnlyList<Reason> EmploymentEnd(DateOnly jobStart, DateOnly endDate) =>
        endDate < jobStart ? [DomainReasons.EndBeforeStart] : [];

    public static IReadOnlyList<Reason> Unemployment(UnemploymentClaim claim, DateOnly today)
    {
        var reasons = new List<Reason>();
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
