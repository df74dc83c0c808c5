using CsCheck;
using static Otrabotka.Domain.Tests.Fixtures;

namespace Otrabotka.Domain.Tests;

public sealed class LedgerTests
{
    [Fact]
    public void Worked_example_from_rules_md_start_2024()
    {
        var terms = Terms(graduation: D("2024-06-20"));
        Assert.Equal(D("2024-09-01"), terms.Start);
        Assert.Equal(1095, terms.RequiredDays);
        var ledger = LedgerRules.Compute(terms, [Job("2024-09-01", "2025-08-31")], D("2026-01-01"));
        Assert.Equal(365, ledger.CreditedDays);
        Assert.Equal(2_400_000.00m, ledger.OwedIfStopped);
    }

    [Fact]
    public void Worked_example_from_rules_md_start_2025()
    {
        var terms = Terms(graduation: D("2025-06-20"));
        Assert.Equal(1096, terms.RequiredDays);
        var ledger = LedgerRules.Compute(terms, [Job("2025-09-01", "2026-08-31")], D("2027-01-01"));
        Assert.Equal(365, ledger.CreditedDays);
        Assert.Equal(2_401_094.89m, ledger.OwedIfStopped);
    }

    [Fact]
    public void The_start_is_the_graduation_date_when_it_is_after_1_September()
    {
        var terms = Terms(graduation: D("2024-10-15"));
        Assert.Equal(D("2024-10-15"), terms.Start);
    }

    [Fact]
    public void Work_before_the_start_counts_from_the_start_and_overlapping_jobs_count_once()
    {
        var terms = Terms(graduation: D("2024-06-20"));
        var ledger = LedgerRules.Compute(terms, [Job("2024-07-01", "2024-09-30", "a"), Job("2024-09-15", "2024-10-10", "b")], D("2024-12-31"));
        Assert.Equal(40, ledger.CreditedDays); // 1 Sep .. 10 Oct
    }

    [Fact]
    public void Military_service_pauses_and_moves_the_end()
    {
        var terms = Terms(graduation: D("2024-06-20"));
        var service = new Period(PeriodKind.MilitaryService, D("2025-01-01"), D("2025-12-31"), "mil");
        var ledger = LedgerRules.Compute(terms, [Job("2024-09-01", "2024-12-31"), service, Job("2026-01-01", null)], D("2025-06-01"));
        Assert.Equal(ObligationStatus.Paused, ledger.Status);
        Assert.Equal(122, ledger.CreditedDays);
        Assert.Equal(152, ledger.PausedDays);
        // 1,095 required days end 2027-08-31 without service; one year of service moves it to 2028-08-30 (2028 is a leap year).
        Assert.Equal(D("2028-08-30"), ledger.ProjectedCompletion);
        Assert.Equal(1095, ledger.RequiredDays);
    }

    [Fact]
    public void A_job_that_runs_on_projects_completion_and_completes_with_nothing_owed()
    {
        var terms = Terms(graduation: D("2024-06-20"));
        var running = LedgerRules.Compute(terms, [Job("2024-09-01", null)], D("2025-03-01"));
        Assert.Equal(ObligationStatus.InProgress, running.Status);
        Assert.Equal(D("2027-08-31"), running.ProjectedCompletion);
        var done = LedgerRules.Compute(terms, [Job("2024-09-01", null)], D("2027-09-01"));
        Assert.Equal(ObligationStatus.Completed, done.Status);
        Assert.Equal(0m, done.OwedIfStopped);
        Assert.Equal(0, done.RemainingDays);
    }

    [Fact]
    public void A_gap_over_90_days_puts_the_obligation_at_risk()
    {
        var terms = Terms(graduation: D("2024-06-20"));
        var periods = new[] { Job("2024-09-01", "2025-01-31") };
        Assert.Equal(ObligationStatus.InProgress, LedgerRules.Compute(terms, periods, D("2025-05-01")).Status);
        var risky = LedgerRules.Compute(terms, periods, D("2025-05-02"));
        Assert.Equal(ObligationStatus.AtRisk, risky.Status);
        Assert.Equal(91, risky.GapDays);
        Assert.Equal(ObligationStatus.NotStarted, LedgerRules.Compute(terms, [], D("2024-10-01")).Status);
        Assert.Equal(ObligationStatus.AtRisk, LedgerRules.Compute(terms, [], D("2024-12-01")).Status);
    }

    [Fact]
    public void Default_is_declared_by_an_operator_and_fixes_the_amount_as_of_its_date()
    {
        var terms = Terms(graduation: D("2024-06-20"));
        var periods = new[] { Job("2024-09-01", null) };
        var declared = new DefaultDeclaration(D("2025-08-31"), "no answer");
        var later = LedgerRules.Compute(terms, periods, D("2026-06-01"), declared);
        Assert.Equal(ObligationStatus.Defaulted, later.Status);
        Assert.Equal(2_400_000.00m, later.OwedIfStopped);
    }

    [Fact]
    public void An_exemption_ends_the_obligation_with_nothing_owed()
    {
        var terms = Terms(graduation: D("2024-06-20"));
        var ledger = LedgerRules.Compute(terms, [new Period(PeriodKind.Exemption, D("2024-07-01"), null, "ex")], D("2025-01-01"));
        Assert.Equal(ObligationStatus.Exempt, ledger.Status);
        Assert.Equal(0m, ledger.OwedIfStopped);
    }

    [Theory]
    [InlineData(36, 48, 48, 36)]
    [InlineData(36, 24, 48, 18)]
    [InlineData(36, 25, 48, 19)]
    [InlineData(24, 1, 48, 1)]
    public void Partial_grant_study_shortens_the_duration_rounded_up_to_a_month(int baseMonths, int grant, int normative, int expected) =>
        Assert.Equal(expected, Obligation.RequiredMonths(baseMonths, grant, normative));

    private static readonly Gen<Period> GenPeriod =
        from kind in Gen.Int[0, 3].Select(i => i switch { 2 => PeriodKind.UnemploymentRegistration, 3 => PeriodKind.MilitaryService, _ => PeriodKind.Employment })
        from start in Gen.Int[0, 1500]
        from length in Gen.Int[0, 800]
        from open in Gen.Int[0, 9]
        select new Period(kind, D("2024-03-01").AddDays(start), open == 0 ? null : D("2024-03-01").AddDays(start + length), "p");

    private static readonly Gen<(Period[] Periods, int AsOf)> GenCase = Gen.Select(GenPeriod.Array[0, 12], Gen.Int[0, 2200]);

    [Fact]
    public void Credited_days_never_exceed_the_calendar_days_since_the_start() =>
        GenCase.Sample(c =>
        {
            var terms = Terms(graduation: D("2024-06-20"));
            var asOf = D("2024-03-01").AddDays(c.AsOf);
            var ledger = LedgerRules.Compute(terms, c.Periods, asOf);
            Assert.InRange(ledger.CreditedDays, 0, Math.Max(0, asOf.DayNumber - terms.Start.DayNumber + 1));
            Assert.InRange(ledger.CreditedDays, 0, ledger.RequiredDays);
        });

    [Fact]
    public void The_ledger_does_not_depend_on_the_order_periods_arrive_in() =>
        Gen.Select(GenCase, Gen.Int).Sample((c, seed) =>
        {
            var terms = Terms(graduation: D("2024-06-20"));
            var asOf = D("2024-03-01").AddDays(c.AsOf);
            var shuffled = c.Periods.OrderBy(_ => new Random(seed).Next()).ToArray();
            var a = LedgerRules.Compute(terms, c.Periods, asOf);
            var b = LedgerRules.Compute(terms, shuffled, asOf);
            Assert.Equal((a.Status, a.CreditedDays, a.PausedDays, a.GapDays, a.ProjectedCompletion, a.OwedIfStopped), (b.Status, b.CreditedDays, b.PausedDays, b.GapDays, b.ProjectedCompletion, b.OwedIfStopped));
        });

    [Fact]
    public void Owed_never_increases_as_credited_time_grows_equals_the_cost_with_nothing_and_zero_once_complete() =>
        Gen.Select(Gen.Decimal[0m, 50_000_000m], Gen.Int[1, 2000]).Sample((cost, required) =>
        {
            cost = Math.Round(cost, 2);
            Assert.Equal(cost, LedgerRules.Owed(cost, required, 0));
            Assert.Equal(0m, LedgerRules.Owed(cost, required, required));
            var previous = decimal.MaxValue;
            for (var credited = 0; credited <= required; credited += Math.Max(1, required / 50))
            {
                var owed = LedgerRules.Owed(cost, required, credited);
                Assert.True(owed <= previous && owed >= 0m);
                previous = owed;
            }
        });

    [Fact]
    public void More_accepted_work_never_raises_the_amount_owed() =>
        Gen.Select(GenCase, GenPeriod).Sample((c, extra) =>
        {
            if (!extra.IsCredited)
            {
                return;
            }

            var terms = Terms(graduation: D("2024-06-20"));
            var asOf = D("2024-03-01").AddDays(c.AsOf);
            var before = LedgerRules.Compute(terms, c.Periods, asOf);
            var after = LedgerRules.Compute(terms, [.. c.Periods, extra], asOf);
            Assert.True(after.CreditedDays >= before.CreditedDays);
            Assert.True(after.OwedIfStopped <= before.OwedIfStopped);
        });
}
