namespace Otrabotka.Domain;

/// <summary>
/// A graduate's duty to work off their grant, as the university's list states it. Partial grant study
/// (transfer paid↔grant, expelled and restored) is given by grant and normative months.
/// </summary>
public sealed record Obligation(
    Category Category,
    Level Level,
    SpecialtyGroup Group,
    DateOnly GraduationDate,
    int AdmissionYear,
    decimal BudgetCost,
    int? GrantMonths = null,
    int? NormativeMonths = null)
{
    /// <summary>The largest budget cost accepted, in tenge [decision]: a grant costs millions, never a billion; a larger figure is a typing error.</summary>
    public const decimal MaxBudgetCost = 1_000_000_000m;

    /// <summary>
    /// The longest time from admission to graduation accepted, in years [decision]: far beyond the longest programme with
    /// academic leaves and restorations, so only an impossible date (a typed 9999, 2205) is refused.
    /// </summary>
    public const int MaxStudyYears = 30;

    /// <summary>The later of 1 September of the graduation year and the graduation date.</summary>
    public DateOnly Start
    {
        get
        {
            var september = new DateOnly(GraduationDate.Year, 9, 1);
            return GraduationDate > september ? GraduationDate : september;
        }
    }

    /// <summary>Checks the obligation against the rule table and works out its terms.</summary>
    public Checked<ObligationTerms> Resolve(RuleTable table)
    {
        if (table.Find(AdmissionYear) is not { } rules)
        {
            return Checked<ObligationTerms>.Fail(DomainReasons.AdmissionYearBeforeRules);
        }

        var category = rules.For(Category);
        var reasons = new List<Reason>();
        if (Level == Level.Residency && Group != SpecialtyGroup.Medical)
        {
            reasons.Add(DomainReasons.ResidencyOnlyMedical);
        }

        if (!category.Levels.Contains(Level))
        {
            reasons.Add(DomainReasons.LevelNotInCategory);
        }

        var group = category.For(Group);
        if (group is null)
        {
            reasons.Add(DomainReasons.GroupNotInCategory);
        }

        if (BudgetCost < 0)
        {
            reasons.Add(DomainReasons.BudgetCostNegative);
        }
        else if (BudgetCost > MaxBudgetCost)
        {
            reasons.Add(DomainReasons.BudgetCostTooLarge);
        }

        if (GraduationDate.Year > AdmissionYear + MaxStudyYears)
        {
            reasons.Add(DomainReasons.GraduationTooLate);
        }

        if (GrantMonths is not null || NormativeMonths is not null)
        {
            if (GrantMonths is not > 0 || NormativeMonths is not > 0 || GrantMonths > NormativeMonths)
            {
                reasons.Add(DomainReasons.GrantMonthsInvalid);
            }
        }

        if (reasons.Count > 0)
        {
            return new Checked<ObligationTerms>(null, reasons);
        }

        var months = RequiredMonths(category.Months, GrantMonths, NormativeMonths);
        var start = Start;
        return Checked<ObligationTerms>.Ok(new ObligationTerms(this, rules, category, group!, start, months, start.AddMonths(months).DayNumber - start.DayNumber));
    }

    /// <summary>base × grant ÷ normative, rounded up to a whole month [decision].</summary>
    public static int RequiredMonths(int baseMonths, int? grantMonths, int? normativeMonths) =>
        grantMonths is > 0 && normativeMonths is > 0
            ? (int)Math.Ceiling(baseMonths * (decimal)grantMonths.Value / normativeMonths.Value)
            : baseMonths;
}

/// <summary>An obligation with its rule resolved: where work counts, from when, for how long.</summary>
public sealed record ObligationTerms(
    Obligation Obligation,
    RuleSet Rules,
    CategoryRule Category,
    GroupRule Group,
    DateOnly Start,
    int RequiredMonths,
    int RequiredDays)
{
    public int GraduationYear => Obligation.GraduationDate.Year;
}
