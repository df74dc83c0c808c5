using CsCheck;
using static Otrabotka.Domain.Tests.Fixtures;

namespace Otrabotka.Domain.Tests;

/// <summary>The next day a graduate's ledger status changes with the calendar alone (ADR 0019).</summary>
public sealed class StatusCalendarTests
{
    [Fact]
    public void A_graduate_with_no_accepted_period_turns_at_risk_the_day_after_the_90_day_gap()
    {
        var terms = Terms(graduation: D("2027-06-20"));
        var next = StatusCalendar.NextChange(terms, [], D("2027-08-20"));
        Assert.Equal(D("2027-11-30"), next);
        Assert.Equal(ObligationStatus.NotStarted, LedgerRules.Compute(terms, [], D("2027-11-29")).Status);
        Assert.Equal(ObligationStatus.AtRisk, LedgerRules.Compute(terms, [], D("2027-11-30")).Status);
    }

    [Fact]
    public void An_at_risk_graduate_with_nothing_accepted_has_no_calendar_change_left()
    {
        var terms = Terms(graduation: D("2027-06-20"));
        Assert.Null(StatusCalendar.NextChange(terms, [], D("2027-12-01")));
    }

    [Fact]
    public void A_deferral_ends_the_pause_the_day_after_the_service_and_the_gap_runs_from_there()
    {
        var terms = Terms(graduation: D("2024-06-20"));
        var service = new Period(PeriodKind.MilitaryService, D("2024-10-01"), D("2025-09-30"), "mil");
        Period[] periods = [Job("2024-09-01", "2024-09-30"), service];
        Assert.Equal(D("2025-10-01"), StatusCalendar.NextChange(terms, periods, D("2025-03-01")));
        Assert.Equal(ObligationStatus.InProgress, LedgerRules.Compute(terms, periods, D("2025-10-01")).Status);
        Assert.Equal(D("2025-12-30"), StatusCalendar.NextChange(terms, periods, D("2025-10-01")));
        Assert.Equal(ObligationStatus.AtRisk, LedgerRules.Compute(terms, periods, D("2025-12-30")).Status);
    }

    [Fact]
    public void A_job_that_runs_on_changes_the_status_on_the_projected_completion()
    {
        var terms = Terms(graduation: D("2024-06-20"));
        Period[] periods = [Job("2024-09-01", null)];
        var ledger = LedgerRules.Compute(terms, periods, D("2025-01-01"));
        Assert.Equal(ledger.ProjectedCompletion, StatusCalendar.NextChange(terms, periods, D("2025-01-01")));
        Assert.Equal(ObligationStatus.Completed, LedgerRules.Compute(terms, periods, ledger.ProjectedCompletion!.Value).Status);
        Assert.Null(StatusCalendar.NextChange(terms, periods, ledger.ProjectedCompletion!.Value));
    }

    [Fact]
    public void A_defaulted_obligation_changes_only_on_a_later_exemption()
    {
        var terms = Terms(graduation: D("2024-06-20"));
        var declared = new DefaultDeclaration(D("2025-06-01"), "n");
        Assert.Null(StatusCalendar.NextChange(terms, [], D("2025-07-01"), declared));
        var exemption = new Period(PeriodKind.Exemption, D("2025-08-15"), null, "ex");
        Assert.Equal(D("2025-08-15"), StatusCalendar.NextChange(terms, [exemption], D("2025-07-01"), declared));
    }

    private static readonly Gen<Period> GenPeriod =
        from kind in Gen.Int[0, 7].Select(i => i switch { 2 => PeriodKind.UnemploymentRegistration, 3 or 4 => PeriodKind.MilitaryService, 5 => PeriodKind.Exemption, _ => PeriodKind.Employment })
        from start in Gen.Int[0, 1500]
        from length in Gen.Int[0, 400]
        from open in Gen.Int[0, 9]
        select new Period(kind, D("2024-03-01").AddDays(start), open == 0 || kind == PeriodKind.Exemption ? null : D("2024-03-01").AddDays(start + length), "p");

    private const int Horizon = 4000;

    [Fact]
    public void The_next_change_is_the_first_day_a_day_by_day_walk_finds_a_different_status() =>
        Gen.Select(GenPeriod.Array[0, 6], Gen.Int[0, 2200], Gen.Int[0, 5]).Sample((periods, offset, defaulted) =>
        {
            var terms = Terms(graduation: D("2024-06-20"));
            var asOf = D("2024-03-01").AddDays(offset);
            var declared = defaulted == 0 ? new DefaultDeclaration(asOf.AddDays(-10), "n") : null;
            var status = LedgerRules.Compute(terms, periods, asOf, declared).Status;
            DateOnly? walked = null;
            for (var day = asOf.AddDays(1); day <= asOf.AddDays(Horizon); day = day.AddDays(1))
            {
                if (LedgerRules.Compute(terms, periods, day, declared).Status != status)
                {
                    walked = day;
                    break;
                }
            }

            var next = StatusCalendar.NextChange(terms, periods, asOf, declared);
            if (walked is not null)
            {
                Assert.Equal(walked, next);
            }
            else
            {
                Assert.True(next is null || next > asOf.AddDays(Horizon), $"next {next} but no change within {Horizon} days");
            }
        }, iter: 60);
}
