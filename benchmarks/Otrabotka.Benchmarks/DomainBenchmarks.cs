using BenchmarkDotNet.Attributes;
using Otrabotka.Domain;

namespace Otrabotka.Benchmarks;

/// <summary>Issue 3's targets: a 50-period ledger under 50 µs; 1,000,000 eligibility checks under 2 s, no allocation beyond the result.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class DomainBenchmarks
{
    private const int Checks = 1_000_000;
    private ObligationTerms terms = null!;
    private Period[] periods = null!;
    private Workplace[] workplaces = null!;
    private DateOnly asOf;

    [GlobalSetup]
    public void Setup()
    {
        terms = new Obligation(Category.RuralQuota, Level.Bachelor, SpecialtyGroup.Pedagogical, new DateOnly(2024, 6, 20), 2020, 3_600_000m).Resolve(RuleTable.Default).Value!;
        var random = new Random(42);
        periods = Enumerable.Range(0, 50).Select(i =>
        {
            var from = terms.Start.AddDays(random.Next(0, 1200));
            var kind = (i % 7) switch { 0 => PeriodKind.MilitaryService, 1 => PeriodKind.UnemploymentRegistration, _ => PeriodKind.Employment };
            return new Period(kind, from, from.AddDays(random.Next(1, 120)), "p" + i);
        }).ToArray();
        workplaces = Enumerable.Range(0, 1024).Select(i => new Workplace(
            (OrganisationKind)(i % 7), Ownership.State, (Region)(i % 20), (SettlementType)(i % 3))).ToArray();
        asOf = terms.Start.AddDays(900);
    }

    [Benchmark(Description = "ledger over 50 periods")]
    public Ledger Ledger50() => LedgerRules.Compute(terms, periods, asOf);

    [Benchmark(Description = "1,000,000 eligibility checks", OperationsPerInvoke = Checks)]
    public int Eligibility1M()
    {
        var eligible = 0;
        var start = terms.Start;
        for (var i = 0; i < Checks; i++)
        {
            if (EligibilityRules.Check(terms, workplaces[i & 1023], start).IsEligible)
            {
                eligible++;
            }
        }

        return eligible;
    }
}
