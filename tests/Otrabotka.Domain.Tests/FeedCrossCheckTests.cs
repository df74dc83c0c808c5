using static Otrabotka.Domain.Tests.FeedMatchingTests;
using static Otrabotka.Domain.Tests.Fixtures;

namespace Otrabotka.Domain.Tests;

public sealed class FeedCrossCheckTests
{
    private static readonly DocumentedEmployment AtSchool = new("doc-school", School, D("2024-09-10"), null);

    private static IReadOnlyList<FeedFlag> Check(IEnumerable<ContributionMonth> months, string coveredThrough, IReadOnlyList<DocumentedEmployment>? documents = null, IEnumerable<Period>? pauses = null) =>
        FeedCrossChecks.Check(months, documents ?? [AtSchool], pauses ?? [], Parse(coveredThrough));

    public static TheoryData<string[], string, string> Silences() => new()
    {
        // paid months at the school, covered through, flagged months ("" = no flag)
        { ["2024-09", "2024-10", "2024-11", "2024-12"], "2024-12", "" },
        { ["2024-09", "2024-10"], "2024-11", "" },
        { ["2024-09", "2024-10"], "2024-12", "2024-11 2024-12" },
        { ["2024-09"], "2025-01", "2024-10 2024-11 2024-12 2025-01" },
        { ["2024-09", "2024-11", "2025-01"], "2025-01", "" },
        { [], "2024-10", "" },
        { ["2024-10", "2024-11", "2025-02"], "2025-03", "2024-12 2025-01" },
    };

    [Theory]
    [MemberData(nameof(Silences))]
    public void An_accepted_document_with_no_contributions_for_two_months_after_its_start_is_flagged(string[] paid, string covered, string flagged)
    {
        var flags = Check(paid.Select(m => Month(School, m)), covered).Where(f => f.Reason.Code == "feed-no-contributions").ToList();
        Assert.Equal(flagged, string.Join(" ", flags.SelectMany(f => f.Months)));
        Assert.All(flags, f => Assert.Equal("doc-school", f.DocumentId));
    }

    [Fact]
    public void A_documents_end_bounds_the_months_it_should_have_contributions_for()
    {
        var ended = AtSchool with { End = D("2024-10-31") };
        Assert.Empty(Check([Month(School, "2024-09"), Month(School, "2024-10")], "2025-03", [ended]));
    }

    [Fact]
    public void Contributions_at_another_employer_than_the_confirmed_one_are_flagged()
    {
        var flags = Check([Month(School, "2024-09"), Month(School, "2024-10"), Month(Bank, "2024-10"), Month(Bank, "2024-11"), Month(School, "2024-11")], "2024-11");
        var flag = Assert.Single(flags);
        Assert.Equal("feed-other-employer", flag.Reason.Code);
        Assert.Equal(Bank, flag.EmployerBin);
        Assert.Equal([Parse("2024-10"), Parse("2024-11")], flag.Months);
        Assert.Equal("doc-school", flag.DocumentId);
    }

    [Fact]
    public void Contributions_before_any_document_or_at_a_documented_employer_are_not_another_employer()
    {
        var second = new DocumentedEmployment("doc-bank", Bank, D("2024-10-01"), null);
        Assert.Empty(Check([Month(Bank, "2024-08"), Month(School, "2024-09"), Month(School, "2024-10"), Month(Bank, "2024-10"), Month(Bank, "2024-11"), Month(School, "2024-11")], "2024-11", [AtSchool, second]));
    }

    [Theory]
    [InlineData(PeriodKind.Exemption, "2024-10-15", null, "feed-paid-while-exempt", "2024-10 2024-11")]
    [InlineData(PeriodKind.MilitaryService, "2024-10-01", "2024-10-31", "feed-paid-while-deferred", "2024-10")]
    public void Contributions_while_an_exemption_or_deferral_is_recorded_are_flagged(PeriodKind kind, string from, string? to, string code, string months)
    {
        var pause = new Period(kind, D(from), to is null ? null : D(to), "doc-pause");
        var flags = Check([Month(School, "2024-09"), Month(School, "2024-10"), Month(School, "2024-11")], "2024-11", pauses: [pause]);
        var flag = Assert.Single(flags);
        Assert.Equal(code, flag.Reason.Code);
        Assert.Equal(months, string.Join(" ", flag.Months));
        Assert.Equal("doc-pause", flag.DocumentId);
        Assert.Equal($"{code}|010315500562|doc-pause", flag.Key);
    }

    [Fact]
    public void Unpaid_months_raise_no_pause_flag()
    {
        var pause = new Period(PeriodKind.Exemption, D("2024-09-01"), null, "ex");
        Assert.Empty(Check([Month(School, "2024-09", paid: false)], "2024-09", [], [pause]));
    }
}
