using static Otrabotka.Domain.Tests.Fixtures;

namespace Otrabotka.Domain.Tests;

public sealed class DefaultRulesTests
{
    private static readonly ObligationTerms Terms2024 = Terms(graduation: D("2024-06-20"));

    [Fact]
    public void Default_cannot_be_declared_on_a_completed_obligation()
    {
        var ledger = LedgerRules.Compute(Terms2024, [Job("2024-09-01", null)], D("2027-09-01"));
        Assert.Equal(ObligationStatus.Completed, ledger.Status);
        Assert.Equal("not-defaultable", Assert.Single(DefaultRules.Declare(ledger, null, "note").Reasons).Code);
    }

    [Fact]
    public void Default_cannot_be_declared_on_an_exempt_obligation()
    {
        var ledger = LedgerRules.Compute(Terms2024, [new Period(PeriodKind.Exemption, D("2024-07-01"), null, "ex")], D("2025-01-01"));
        Assert.Equal("not-defaultable", Assert.Single(DefaultRules.Declare(ledger, null, "note").Reasons).Code);
    }

    [Fact]
    public void Default_is_declared_once_as_of_the_ledger_s_date()
    {
        var ledger = LedgerRules.Compute(Terms2024, [Job("2024-09-01", "2025-01-31")], D("2025-08-31"));
        var declared = DefaultRules.Declare(ledger, null, "no answer");
        Assert.Equal(new DefaultDeclaration(D("2025-08-31"), "no answer"), declared.Value);
        Assert.Equal("already-defaulted", Assert.Single(DefaultRules.Declare(ledger, declared.Value, "again").Reasons).Code);
    }

    [Fact]
    public void A_backdated_default_is_refused_when_an_exemption_recorded_since_covers_today()
    {
        // Exempt from 2025-10-15; the default is dated 2025-10-01, when the graduate was not yet exempt.
        List<Period> periods = [new Period(PeriodKind.Exemption, D("2025-10-15"), null, "ex")];
        var then = LedgerRules.Compute(Terms2024, periods, D("2025-10-01"));
        Assert.NotEqual(ObligationStatus.Exempt, then.Status);
        Assert.True(DefaultRules.Declare(then, null, "note").IsValid);
        var today = LedgerRules.Compute(Terms2024, periods, D("2025-11-25"));
        Assert.Equal("not-defaultable", Assert.Single(DefaultRules.Declare(then, null, "note", today).Reasons).Code);
    }
}
