namespace Otrabotka.Domain;

/// <summary>
/// When a graduate's ledger status next changes with the calendar alone, nothing else changing (ADR 0019):
/// at the 90-day gap's limit, when a period or a deferral ends, on the projected completion, on an
/// exemption's date. The status is a step function of the day whose steps can only fall on a few days
/// worked out from the terms and the periods; the ledger is probed on those (and the days either side) in
/// order and the first whose status differs from today's is the answer. Null when no known date changes it.
/// </summary>
public static class StatusCalendar
{
    public static DateOnly? NextChange(ObligationTerms terms, IReadOnlyList<Period> periods, DateOnly asOf, DefaultDeclaration? declared = null)
    {
        var today = LedgerRules.Compute(terms, periods, asOf, declared);
        foreach (var day in Candidates(terms, periods, today).Where(day => day > asOf).Distinct().Order())
        {
            if (LedgerRules.Compute(terms, periods, day, declared).Status != today.Status)
            {
                return day;
            }
        }

        return null;
    }

    /// <summary>The days on which the status can step, each with its neighbours (the rules' ends are inclusive, the gap counted from the day after).</summary>
    private static IEnumerable<DateOnly> Candidates(ObligationTerms terms, IReadOnlyList<Period> periods, Ledger today) =>
        Steps(terms, periods, today).SelectMany(day => new[] { day.AddDays(-1), day, day.AddDays(1) });

    private static IEnumerable<DateOnly> Steps(ObligationTerms terms, IReadOnlyList<Period> periods, Ledger today)
    {
        var gapLimit = terms.Rules.AtRiskGapDays;
        yield return terms.Start;
        yield return terms.Start.AddDays(gapLimit);
        if (today.ProjectedCompletion is { } completion)
        {
            yield return completion;
        }

        foreach (var period in periods)
        {
            yield return period.From;
            if (period.To is { } to && to.DayNumber < DateOnly.MaxValue.DayNumber - gapLimit - 2)
            {
                yield return to.AddDays(1);
                yield return to.AddDays(1 + gapLimit);
            }
        }
    }
}
