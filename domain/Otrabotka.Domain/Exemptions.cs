namespace Otrabotka.Domain;

/// <summary>
/// A claimed exemption (п.17-2): the commission's decision plus the facts of its ground. For further
/// study, <see cref="StateOrder"/> says the place is on the state educational order (residency needs it).
/// </summary>
public sealed record ExemptionClaim(
    ExemptionGround Ground,
    DateOnly CommissionDecisionDate,
    string? SpouseLocality = null,
    int? DisabilityGroup = null,
    Level? StudyLevel = null,
    DateOnly? EnrolmentDate = null,
    DateOnly? PregnancyConfirmedOn = null,
    DateOnly? ChildBirthDate = null,
    bool? StateOrder = null) : IDocumentClaim
{
    DocumentKind IDocumentClaim.Kind => DocumentKind.ExemptionProof;
}

/// <summary>A claimed deferral for compulsory military service; an open end means still serving.</summary>
public sealed record DeferralClaim(DateOnly ServiceStart, DateOnly? ServiceEnd) : IDocumentClaim
{
    DocumentKind IDocumentClaim.Kind => DocumentKind.DeferralProof;
}

/// <summary>
/// The machine's part of the exemption and deferral rules: dates and kinds. An operator confirms the
/// content of the documents.
/// </summary>
public static class ExemptionRules
{
    public static IReadOnlyList<Reason> Check(ObligationTerms terms, ExemptionClaim claim, DateOnly today)
    {
        var reasons = new List<Reason>();
        if (!terms.Category.ExemptionGrounds.Contains(claim.Ground))
        {
            reasons.Add(DomainReasons.GroundNotAllowed);
        }

        if (claim.CommissionDecisionDate > today)
        {
            reasons.Add(DomainReasons.DateInFuture);
        }

        if (claim.CommissionDecisionDate.Year != terms.GraduationYear)
        {
            reasons.Add(DomainReasons.DecisionOutsideGraduationYear);
        }

        switch (claim.Ground)
        {
            case ExemptionGround.SpouseNoVacancy when string.IsNullOrWhiteSpace(claim.SpouseLocality):
                reasons.Add(DomainReasons.SpouseLocalityMissing);
                break;
            case ExemptionGround.Disability12 when claim.DisabilityGroup is not (1 or 2):
                reasons.Add(DomainReasons.DisabilityGroupNotEligible);
                break;
            case ExemptionGround.FurtherStudy:
                if (!IsFurtherStudy(terms.Obligation, claim.StudyLevel))
                {
                    reasons.Add(DomainReasons.StudyLevelNotEligible);
                }

                if (claim.StudyLevel == Level.Residency && claim.StateOrder != true)
                {
                    reasons.Add(DomainReasons.ResidencyNotStateOrder);
                }

                if (claim.EnrolmentDate is not { } enrolled || enrolled.Year != terms.GraduationYear)
                {
                    reasons.Add(DomainReasons.EnrolmentOutsideGraduationYear);
                }

                break;
            case ExemptionGround.PregnancyOrChildUnder3:
                if (claim.ChildBirthDate is { } born)
                {
                    // A child born in the last three representable years is under three on any decision date (and AddYears would overflow).
                    if (born > claim.CommissionDecisionDate || (born.Year <= DateOnly.MaxValue.Year - 3 && born.AddYears(3) <= claim.CommissionDecisionDate))
                    {
                        reasons.Add(born > claim.CommissionDecisionDate ? DomainReasons.ChildBornAfterDecision : DomainReasons.ChildOverThree);
                    }
                }
                else if (claim.PregnancyConfirmedOn is not { } confirmed)
                {
                    reasons.Add(DomainReasons.PregnancyOrChildMissing);
                }
                else if (confirmed > claim.CommissionDecisionDate)
                {
                    reasons.Add(DomainReasons.DateInFuture);
                }

                break;
        }

        return reasons;
    }

    /// <summary>Further study is a master's, a residency (medical) or a doctorate above the level completed.</summary>
    public static bool IsFurtherStudy(Obligation obligation, Level? next) => next switch
    {
        Level.Master => obligation.Level == Level.Bachelor,
        Level.Residency => obligation.Group == SpecialtyGroup.Medical && obligation.Level is Level.Bachelor or Level.Master,
        Level.Doctorate => obligation.Level is Level.Master or Level.Residency,
        _ => false,
    };

    public static IReadOnlyList<Reason> Check(ObligationTerms terms, DeferralClaim claim, DateOnly today)
    {
        var reasons = new List<Reason>();
        if (!terms.Category.MilitaryDeferral)
        {
            reasons.Add(DomainReasons.DeferralNotAllowed);
        }

        if (claim.ServiceStart > today)
        {
            reasons.Add(DomainReasons.DateInFuture);
        }

        if (claim.ServiceEnd is { } end && end < claim.ServiceStart)
        {
            reasons.Add(DomainReasons.EndBeforeStart);
        }

        return reasons;
    }
}
