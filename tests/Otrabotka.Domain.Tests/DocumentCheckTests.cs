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
}
