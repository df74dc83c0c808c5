using static Otrabotka.Domain.Tests.Fixtures;

namespace Otrabotka.Domain.Tests;

public sealed class FeedMatchingTests
{
    internal static readonly Iin Graduate = Iin.Parse("980501300125").Value;
    internal static readonly Bin School = Bin.Parse("010315500562").Value;
    internal static readonly Bin Bank = Bin.Parse("020412600786").Value;
    internal static readonly Bin Unknown = Bin.Parse("200540001116").Value;
    internal static readonly DateTimeOffset January = new(2025, 1, 10, 0, 0, 0, TimeSpan.Zero);

    private static readonly ObligationTerms Rural = Terms(Category.RuralQuota, SpecialtyGroup.Pedagogical);

    private static readonly Dictionary<Bin, EmployerRegistryEntry> Registry = new()
    {
        [School] = new(School, "Школа", [OrganisationKind.Education], Ownership.State, Region.Akmola, SettlementType.Village, "111030100", ["school.kz"], "МТСЗН", D("2025-01-01")),
        [Bank] = new(Bank, "Банк", [OrganisationKind.Other], Ownership.Private, Region.AlmatyCity, SettlementType.City, null, ["bank.kz"], "МТСЗН", D("2025-01-01")),
    };

    internal static ContributionMonth Month(Bin bin, string month, bool paid = true, int file = 0) =>
        new(Graduate, bin, Parse(month), paid, January.AddDays(file), "file-" + file);

    internal static FeedMonth Parse(string month) => FeedMonth.TryParse(month, out var parsed) ? parsed : throw new ArgumentException(month);

    private static FeedMatch Match(IEnumerable<ContributionMonth> months, params DocumentedEmployment[] documents) =>
        FeedMatching.Match(Rural, months, bin => Registry.GetValueOrDefault(bin), documents);

    private static string Show(IEnumerable<Period> periods) => string.Join(" ", periods.Select(p => $"{p.From:yyyy-MM-dd}..{p.To:yyyy-MM-dd}"));

    public static TheoryData<string[], string> Runs() => new()
    {
        { ["2024-09"], "2024-09-01..2024-09-30" },
        { ["2024-09", "2024-10", "2024-11"], "2024-09-01..2024-11-30" },
        { ["2024-11", "2024-09", "2024-10"], "2024-09-01..2024-11-30" },
        { ["2024-09", "2024-11"], "2024-09-01..2024-09-30 2024-11-01..2024-11-30" },
        { ["2024-12", "2025-01", "2025-02"], "2024-12-01..2025-02-28" },
        { ["2024-07", "2024-08", "2024-09"], "2024-09-01..2024-09-30" },
        { ["2024-07", "2024-08"], "" },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void Adjacent_paid_months_merge_into_one_period_of_calendar_days_from_the_obligation_start(string[] months, string expected)
    {
        var match = Match(months.Select(m => Month(School, m)));
        Assert.Equal(expected, Show(match.Periods));
        Assert.Empty(match.Reviews);
    }

    [Fact]
    public void A_month_with_no_contribution_ends_a_period()
    {
        var match = Match([Month(School, "2024-09"), Month(School, "2024-10", paid: false), Month(School, "2024-11")]);
        Assert.Equal("2024-09-01..2024-09-30 2024-11-01..2024-11-30", Show(match.Periods));
    }

    [Fact]
    public void A_period_carries_pension_feed_evidence_with_its_months()
    {
        var period = Assert.Single(Match([Month(School, "2024-09"), Month(School, "2024-10")]).Periods);
        Assert.Equal(PeriodKind.Employment, period.Kind);
        Assert.Equal(EvidenceKind.PensionFeed, period.EvidenceOrDocument.Kind);
        Assert.Equal([Parse("2024-09"), Parse("2024-10")], period.Evidence!.Months);
        Assert.StartsWith("pension-feed|010315500562|2024-09", period.Source, StringComparison.Ordinal);
        Assert.Equal(EvidenceKind.Document, Job("2024-09-01", null).EvidenceOrDocument.Kind);
    }

    public static TheoryData<string, string?, string> Clips() => new()
    {
        { "2024-09-16", null, "2024-09-16..2024-11-30" },
        { "2024-08-20", null, "2024-09-01..2024-11-30" },
        { "2024-09-01", "2024-11-10", "2024-09-01..2024-11-10" },
        { "2024-10-05", "2024-10-20", "2024-09-01..2024-11-30" },
    };

    [Theory]
    [MemberData(nameof(Clips))]
    public void The_months_holding_an_accepted_documents_start_and_end_credit_from_and_to_those_dates(string start, string? end, string expected)
    {
        var document = new DocumentedEmployment("doc-1", School, D(start), end is null ? null : D(end));
        var match = Match([Month(School, "2024-09"), Month(School, "2024-10"), Month(School, "2024-11")], document);
        Assert.Equal(expected, Show(match.Periods));
    }

    [Fact]
    public void A_document_at_another_employer_clips_nothing()
    {
        var document = new DocumentedEmployment("doc-1", Bank, D("2024-09-16"), D("2024-09-20"));
        Assert.Equal("2024-09-01..2024-09-30", Show(Match([Month(School, "2024-09")], document).Periods));
    }

    [Theory]
    [InlineData(false, true, 0)]
    [InlineData(true, false, 1)]
    public void The_latest_file_wins_per_graduate_employer_and_month_whatever_the_order(bool laterPaid, bool earlierPaid, int periods)
    {
        var earlier = Month(School, "2024-09", earlierPaid, file: 1);
        var later = Month(School, "2024-09", laterPaid, file: 2);
        Assert.Equal(periods, Match([earlier, later]).Periods.Count);
        Assert.Equal(periods, Match([later, earlier]).Periods.Count);
        Assert.Equal(later, Assert.Single(FeedMatching.Latest([later, earlier])));
    }

    [Fact]
    public void Files_received_at_the_same_time_are_ordered_by_their_id()
    {
        var a = new ContributionMonth(Graduate, School, Parse("2024-09"), true, January, "a");
        var b = a with { Paid = false, FileId = "b" };
        Assert.True(b.Supersedes(a));
        Assert.False(a.Supersedes(b));
        Assert.False(a.Supersedes(a));
    }

    [Fact]
    public void Months_at_an_employer_the_registry_does_not_know_make_one_review_item_with_every_month()
    {
        var match = Match([Month(Unknown, "2024-09"), Month(Unknown, "2024-10"), Month(Unknown, "2024-11", paid: false), Month(Unknown, "2024-12")]);
        Assert.Empty(match.Periods);
        var review = Assert.Single(match.Reviews);
        Assert.Equal(["feed-employer-unknown"], review.Reasons.Select(r => r.Code));
        Assert.Equal([Parse("2024-09"), Parse("2024-10"), Parse("2024-12")], review.Months);
        Assert.Equal("980501300125|200540001116", review.Key);
    }

    [Fact]
    public void Months_at_an_employer_the_rules_refuse_go_to_review_with_the_rules_reasons()
    {
        var match = Match([Month(Bank, "2024-09"), Month(Bank, "2024-10"), Month(School, "2024-09")]);
        Assert.Equal("2024-09-01..2024-09-30", Show(match.Periods));
        var review = Assert.Single(match.Reviews);
        Assert.Equal(Bank, review.EmployerBin);
        Assert.Equal(["organisation-kind-not-allowed", "workplace-not-rural"], review.Reasons.Select(r => r.Code));
        Assert.Equal(2, review.Months.Count);
    }

    [Fact]
    public void A_later_month_updates_the_same_review_item()
    {
        var first = Assert.Single(Match([Month(Unknown, "2024-09", file: 1)]).Reviews);
        var second = Assert.Single(Match([Month(Unknown, "2024-09", file: 1), Month(Unknown, "2024-10", file: 2)]).Reviews);
        Assert.Equal(first.Key, second.Key);
        Assert.Equal(2, second.Months.Count);
    }

    [Fact]
    public void Unpaid_months_alone_make_neither_credit_nor_review()
    {
        var match = Match([Month(Unknown, "2024-09", paid: false), Month(School, "2024-09", paid: false)]);
        Assert.Empty(match.Periods);
        Assert.Empty(match.Reviews);
    }

    [Fact]
    public void Feed_periods_credit_on_the_ledger_and_overlap_documents_once()
    {
        var match = Match([Month(School, "2024-09"), Month(School, "2024-10")]);
        var ledger = LedgerRules.Compute(Rural, [.. match.Periods, Job("2024-10-01", "2024-10-31")], D("2025-01-01"));
        Assert.Equal(61, ledger.CreditedDays);
    }
}
