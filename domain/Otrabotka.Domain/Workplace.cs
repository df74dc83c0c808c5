namespace Otrabotka.Domain;

/// <summary>
/// Where a graduate works, as the employer states it. A KATO code, when given, must agree with the region.
/// A workplace may be of several kinds (a university clinic is higher-education and healthcare): <see cref="Kinds"/>
/// lists them all, <see cref="Kind"/> among them; the work counts if any kind qualifies [decision].
/// </summary>
public sealed record Workplace(
    OrganisationKind Kind,
    Ownership Ownership,
    Region Region,
    SettlementType Settlement,
    string? KatoCode = null,
    IReadOnlyList<OrganisationKind>? Kinds = null)
{
    public bool IsRural => Settlement == SettlementType.Village;

    /// <summary>Every kind the workplace is: <see cref="Kind"/> first, then the others listed.</summary>
    public IReadOnlyList<OrganisationKind> AllKinds => Kinds is null ? [Kind] : [Kind, .. Kinds.Where(k => k != Kind).Distinct()];

    /// <summary>Whether any of the workplace's kinds counts for the group (allocates nothing: eligibility is a hot path).</summary>
    public bool AnyKindAllowed(GroupRule group)
    {
        if (group.Allows(Kind))
        {
            return true;
        }

        if (Kinds is not null)
        {
            foreach (var kind in Kinds)
            {
                if (group.Allows(kind))
                {
                    return true;
                }
            }
        }

        return false;
    }

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
    private static readonly Reason[] Ordered =
    [
        DomainReasons.OrganisationKindNotAllowed, DomainReasons.WorkplaceNotRural, DomainReasons.RegionNotSerpin,
        DomainReasons.KatoFormat, DomainReasons.KatoRegionMismatch,
    ];

    // Every combination of reasons is built once, so a check allocates nothing: hot paths (imports,
    // re-validation of many documents) call it millions of times.
    private static readonly Reason[][] Combinations = Enumerable.Range(0, 1 << Ordered.Length)
        .Select(mask => Ordered.Where((_, i) => (mask & (1 << i)) != 0).ToArray())
        .ToArray();

    /// <summary>
    /// Whether a job counts. The late-start warning concerns the first job only: when <paramref name="otherJobs"/>
    /// holds a job that began earlier, this one is a change of employer and starts on time by definition.
    /// </summary>
    public static Eligibility Check(ObligationTerms terms, Workplace workplace, DateOnly jobStart, IEnumerable<Period>? otherJobs = null)
    {
        var mask = 0;
        if (!workplace.AnyKindAllowed(terms.Group))
        {
            mask |= 1;
        }

        switch (terms.Category.Location)
        {
            case LocationConstraint.Rural when !workplace.IsRural:
                mask |= 2;
                break;
            case LocationConstraint.SerpinRegions when !terms.Rules.IsSerpinRegion(workplace.Region):
                mask |= 4;
                break;
        }

        if (workplace.KatoCode is not null && workplace.CheckKato() is { } kato)
        {
            mask |= ReferenceEquals(kato, DomainReasons.KatoFormat) ? 8 : 16;
        }

        var late = jobStart > terms.Start && !(otherJobs ?? []).Any(p => p.Kind == PeriodKind.Employment && p.From < jobStart);
        return new Eligibility(Combinations[mask], late ? LateStartOnly : None);
    }
}
