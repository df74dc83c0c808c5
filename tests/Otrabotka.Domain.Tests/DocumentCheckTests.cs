using static Otrabotka.Domain.Tests.Fixtures;

namespace Otrabotka.Domain.Tests;

public sealed class DocumentCheckTests
{
    private static readonly DateOnly Today = D("2025-08-20");
    private static readonly Workplace Office = new(OrganisationKind.Other, Ownership.Private, Region.Astana, SettlementType.City);

    private static IEnumerable<string> Employment(string start) =>
        DocumentChecks.Employment(Terms(graduation: D("2025-06-20")), new EmploymentClaim("140540000015", Office, D(start), null), Today).Reasons.Select(r => r.Code);

    [Theory]
    [InlineData("2025-09-01")]
    [InlineData("2025-11-20")]
    public void A_contract_signed_ahead_of_its_start_is_accepted(string start) =>
        Assert.Empty(Employment(start));

    [Theory]
    [InlineData("2025-11-21")]
    [InlineData("2026-09-01")]
    public void A_start_more_than_three_months_ahead_is_refused(string start) =>
        Assert.Equal("start-too-far-ahead", Assert.Single(Employment(start)));

    [Fact]
    public void A_job_dated_ahead_credits_from_its_start_date()
    {
        var terms = Terms(graduation: D("2025-06-20"));
        Period[] periods = [Job("2025-10-01", null)];
        Assert.Equal(0, LedgerRules.Compute(terms, periods, Today).CreditedDays);
        Assert.Equal(10, LedgerRules.Compute(terms, periods, D("2025-10-10")).CreditedDays);
    }

    [Theory]
    [InlineData("2023-08-01", "referral-outside-graduation-year")]
    [InlineData("2024-12-31", "referral-outside-graduation-year")]
    [InlineData("2025-01-01", null)]
    [InlineData("2025-06-25", null)]
    public void The_referral_to_the_employment_centre_is_dated_in_the_graduation_year(string referral, string? code)
    {
        var terms = Terms(graduation: D("2025-06-20"));
        var reasons = DocumentChecks.Unemployment(terms, new UnemploymentClaim(D(referral), D("2025-08-01"), null), Today);
        Assert.Equal(code, reasons.SingleOrDefault()?.Code);
    }

    [Fact]
    public void An_older_referral_is_refused_even_before_a_registration_in_the_graduation_year()
    {
        var terms = Terms(graduation: D("2025-06-20"));
        var reasons = DocumentChecks.Unemployment(terms, new UnemploymentClaim(D("2024-06-20"), D("2025-07-01"), null), Today);
        Assert.Equal("referral-outside-graduation-year", Assert.Single(reasons).Code);
    }

    [Fact]
    public void The_late_start_warning_is_for_the_first_job_only()
    {
        var terms = Terms(graduation: D("2024-06-20"));
        var claim = new EmploymentClaim("140540000015", Office, D("2025-03-01"), null);
        Assert.Equal("late-start", Assert.Single(DocumentChecks.Employment(terms, claim, Today).Warnings).Code);
        Assert.Empty(DocumentChecks.Employment(terms, claim, Today, [Job("2024-09-01", "2025-02-28", "first")]).Warnings);
        Assert.Equal("late-start", Assert.Single(DocumentChecks.Employment(terms, claim, Today, [Job("2025-04-01", null, "later")]).Warnings).Code);
    }

    [Fact]
    public void An_end_without_a_named_job_closes_the_latest_open_job_that_started_by_the_end_date()
    {
        Period[] jobs = [Job("2024-09-01", null, "a"), Job("2025-03-01", null, "b"), Job("2024-10-01", "2024-12-31", "closed")];
        Assert.Equal("a", EmploymentEndRules.Closes(jobs, null, D("2025-01-31")).Value!.Source);
        Assert.Equal("b", EmploymentEndRules.Closes(jobs, null, D("2025-05-31")).Value!.Source);
        Assert.Empty(DocumentChecks.EmploymentEnd(jobs, null, D("2025-01-31")));
    }

    [Fact]
    public void An_end_that_names_its_job_closes_that_job_and_is_checked_against_its_start()
    {
        Period[] jobs = [Job("2024-09-01", null, "a"), Job("2025-03-01", null, "b")];
        Assert.Equal("b", EmploymentEndRules.Closes(jobs, "b", D("2025-01-31")).Value!.Source);
        Assert.Equal(["end-before-start"], DocumentChecks.EmploymentEnd(jobs, "b", D("2025-01-31")).Select(r => r.Code));
        Assert.Equal(["no-employment-to-end"], DocumentChecks.EmploymentEnd(jobs, "unknown", D("2025-01-31")).Select(r => r.Code));
    }

    [Fact]
    public void No_open_job_started_by_the_end_date_means_nothing_to_end()
    {
        Period[] jobs = [Job("2025-03-01", null, "b"), Job("2024-09-01", "2024-12-31", "closed")];
        Assert.Equal(["no-employment-to-end"], DocumentChecks.EmploymentEnd(jobs, null, D("2025-01-31")).Select(r => r.Code));
    }
}
