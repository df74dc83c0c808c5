namespace Otrabotka.Domain.Tests;

internal static class Fixtures
{
    public static ObligationTerms Terms(
        Category category = Category.StateOrderOther,
        SpecialtyGroup group = SpecialtyGroup.Technical,
        Level level = Level.Bachelor,
        DateOnly? graduation = null,
        decimal budgetCost = 3_600_000m,
        int? grantMonths = null,
        int? normativeMonths = null)
    {
        var obligation = new Obligation(category, level, group, graduation ?? new DateOnly(2024, 6, 20), 2020, budgetCost, grantMonths, normativeMonths);
        var resolved = obligation.Resolve(RuleTable.Default);
        Assert.True(resolved.IsValid, string.Join(", ", resolved.Reasons));
        return resolved.Value!;
    }

    public static Period Job(string from, string? to, string source = "doc") =>
        new(PeriodKind.Employment, DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), to is null ? null : DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture), source);

    public static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
}
