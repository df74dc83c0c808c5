using static Otrabotka.Domain.Tests.FeedMatchingTests;
using static Otrabotka.Domain.Tests.Fixtures;

namespace Otrabotka.Domain.Tests;

/// <summary>When contributions at a credited employer count as stopped (ADR 0009): a month reported unpaid, or months no longer reported once the feed has moved past their deadline.</summary>
public sealed class FeedStopsTests
{
    private static readonly HashSet<string> Credited = [School.Value];

    private static IReadOnlyList<FeedStop> Find(IEnumerable<ContributionMonth> months, string? covered, string today) =>
        FeedStops.Find([.. months], Credited, covered is null ? null : Parse(covered), D(today));

    public static TheoryData<string, string, bool> Missing() => new()
    {
        // paid through 2025-09 at the school, nothing reported after; the feed covered through; today; stopped?
        { "2025-11", "2025-11-26", true },   // October missing, November arrived, October's deadline (25 Nov) past
        { "2025-11", "2025-11-25", false },  // on the deadline day itself: not yet past it
        { "2025-10", "2025-12-31", false },  // the feed has not arrived for a month after October (an arrear may still come)
        { "2025-09", "2026-03-01", false },  // the feed itself stops at September: nothing is missing
        { "2026-02", "2026-03-01", true },
    };

    [Theory]
    [MemberData(nameof(Missing))]
    public void A_month_no_longer_reported_counts_as_a_stop_once_past_its_deadline_and_the_feed_has_arrived_for_a_later_month(string covered, string today, bool stopped)
    {
        var stops = Find([Month(School, "2025-08"), Month(School, "2025-09")], covered, today);
        if (stopped)
        {
            var stop = Assert.Single(stops);
            Assert.Equal((School, Parse("2025-09"), FeedStopKind.NotReported), (stop.EmployerBin, stop.LastPaid, stop.Kind));
        }
        else
        {
            Assert.Empty(stops);
        }
    }

    [Fact]
    public void A_month_reported_unpaid_is_a_stop_after_the_last_paid_month_at_once()
    {
        var stop = Assert.Single(Find([Month(School, "2025-08"), Month(School, "2025-09", paid: false)], null, "2025-10-01"));
        Assert.Equal((Parse("2025-08"), FeedStopKind.Unpaid), (stop.LastPaid, stop.Kind));
    }

    [Fact]
    public void An_employer_the_feed_never_credited_is_never_stopped_nor_watched()
    {
        var months = new[] { Month(Bank, "2025-08"), Month(Bank, "2025-09", paid: false) };
        Assert.Empty(Find(months, "2026-05", "2026-06-01"));
        Assert.Empty(FeedStops.Watch(months, Credited, []));
    }

    [Fact]
    public void A_credited_employer_is_watched_until_its_stop_is_known_and_a_later_paid_month_watches_it_again()
    {
        var months = new List<ContributionMonth> { Month(School, "2025-08"), Month(School, "2025-09") };
        Assert.Equal(Parse("2025-09"), Assert.Single(FeedStops.Watch(months, Credited, [])).LastPaid);
        var stops = Find(months, "2025-11", "2025-11-26");
        Assert.Empty(FeedStops.Watch(months, Credited, stops.ToList()));

        months.Add(Month(School, "2026-01"));
        Assert.Empty(Find(months, "2026-01", "2026-02-26"));
        Assert.Equal(Parse("2026-01"), Assert.Single(FeedStops.Watch(months, Credited, [])).LastPaid);
        Assert.Equal(Parse("2025-11"), FeedStops.StopVisibleThrough(Parse("2026-01")));
    }

    [Fact]
    public void Contributions_for_a_month_are_due_on_the_25th_of_the_next()
    {
        Assert.Equal(D("2025-11-25"), FeedStops.PaymentDeadline(Parse("2025-10")));
        Assert.Equal(D("2026-01-25"), FeedStops.PaymentDeadline(Parse("2025-12")));
    }
}
