namespace Otrabotka.Domain;

/// <summary>Where a graduate works, as the employer states it. A KATO code, when given, must agree with the region.</summary>
public sealed record Workplace(
    OrganisationKind Kind,
    Ownership Ownership,
    Region Region,
    SettlementType Settlement,
    string? KatoCode = null)
{
    public bool IsRural => Settlement == SettlementType.Village;

    /// <summary>A KATO code is 9 digits whose first two are the region's prefix [decision].</summary>
    public Reason? CheckKato()
    {
        if (KatoCode is null)
        {
            return null;
        }

        if (KatoCode.Length != 9 || !KatoCode.All(char.IsAsciiDigit))
        {
            return DomainReasons.KatoFormat;
        }

        var prefix = Regions.Of(Region).KatoPrefix;
        return KatoCode[0] == prefix[0] && KatoCode[1] == prefix[1] ? null : DomainReasons.KatoRegionMismatch;
    }
}

/// <summary>Whether a job counts towards an obligation: reasons it does not, and warnings that do not refuse it.</summary>
public readonly record struct Eligibility(IReadOnlyList<Reason> Reasons, IReadOnlyList<Reason> Warnings)
{
    public bool IsEligible => Reasons.Count == 0;
}

/// <summary>The eligibility rule: organisation kind by category and group, location, KATO, start date.</summary>
public static class EligibilityRules
{
    private static readonly Reason[] None = [];
    private static readonly Reason[] LateStartOnly = [DomainReasons.LateStart];

    public static Eligibility Check(ObligationTerms terms, Workplace workplace, DateOnly jobStart)
    {
        List<Reason>? reasons = null;
        if (!terms.Group.Allows(workplace.Kind))
        {
            (reasons ??= []).Add(DomainReasons.OrganisationKindNotAllowed);
        }

        switch (terms.Category.Location)
        {
            case LocationConstraint.Rural when !workplace.IsRural:
                (reasons ??= []).Add(DomainReasons.WorkplaceNotRural);
                break;
            case LocationConstraint.SerpinRegions when !terms.Rules.IsSerpinRegion(workplace.Region):
                (reasons ??= []).Add(DomainReasons.RegionNotSerpin);
                break;
        }

        if (workplace.KatoCode is not null && workplace.CheckKato() is { } kato)
        {
            (reasons ??= []).Add(kato);
        }

        var warnings = jobStart > terms.Start ? LateStartOnly : None;
        return new Eligibility(reasons is null ? None : reasons, warnings);
    }
}
