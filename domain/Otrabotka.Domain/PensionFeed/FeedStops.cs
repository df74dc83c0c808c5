namespace Otrabotka.Domain;

/// <summary>How a stop of contributions was seen: a month reported unpaid, or months no longer reported at all.</summary>
public enum FeedStopKind
{
    Unpaid,
    NotReported,
}

/// <summary>Contributions stopped at an employer: the last month paid there, and how the stop was seen.</summary>
public sealed record FeedStop(Bin EmployerBin, FeedMonth LastPaid, FeedStopKind Kind);

/// <summary>An employer the feed once credited whose last reported month was paid: a stop is watched for there.</summary>
public sealed record FeedWatch(Bin EmployerBin, FeedMonth LastPaid);

/// <summary>
/// When contributions at an employer count as stopped (ADR 0009), for employers the feed has credited. With the last
/// month reported at the employer (after latest-wins) L and the last paid one P:
/// <list type="bullet">
/// <item>L is unpaid and P exists: stopped after P (a month reported unpaid).</item>
/// <item>L is paid (P = L) and the month after it, N = L + 1, is not reported: stopped after L once N is past its
/// payment deadline (the 25th of N + 1; <paramref name="today"/> is after it) and the feed as a whole has arrived for a
/// month after N (<paramref name="feedCoveredThrough"/> ≥ N + 1) — so a file that is merely early or an arrear still
/// on its way does not count.</item>
/// </list>
/// Each stop is keyed by (BIN, P): told once; a later paid month starts a new period and a new possible stop.
/// </summary>
public static class FeedStops
{
    /// <summary>The day contributions for a month are due: the 25th of the next month.</summary>
    public static DateOnly PaymentDeadline(FeedMonth month) => month.AddMonths(1).First.AddDays(24);

    public static IReadOnlyList<FeedStop> Find(IReadOnlyList<ContributionMonth> latest, IReadOnlySet<string> creditedBins, FeedMonth? feedCoveredThrough, DateOnly today)
    {
        var stops = new List<FeedStop>();
        foreach (var employer in latest.Where(m => creditedBins.Contains(m.EmployerBin.Value)).GroupBy(m => m.EmployerBin))
        {
            var last = employer.MaxBy(m => m.Month)!;
            var lastPaid = employer.Where(m => m.Paid).MaxBy(m => m.Month);
            if (!last.Paid && lastPaid is not null)
            {
                stops.Add(new FeedStop(employer.Key, lastPaid.Month, FeedStopKind.Unpaid));
            }
            else if (last.Paid && NotReportedPastDeadline(last.Month.AddMonths(1), feedCoveredThrough, today))
            {
                stops.Add(new FeedStop(employer.Key, last.Month, FeedStopKind.NotReported));
            }
        }

        return stops;
    }

    /// <summary>Credited employers whose last reported month is paid and not yet known stopped: where a stop may still be seen.</summary>
    public static IReadOnlyList<FeedWatch> Watch(IReadOnlyList<ContributionMonth> latest, IReadOnlySet<string> creditedBins, IReadOnlyCollection<FeedStop> stops)
    {
        var stopped = stops.Select(s => s.EmployerBin.Value).ToHashSet(StringComparer.Ordinal);
        return [.. latest.Where(m => creditedBins.Contains(m.EmployerBin.Value) && !stopped.Contains(m.EmployerBin.Value))
            .GroupBy(m => m.EmployerBin)
            .Select(e => e.MaxBy(m => m.Month)!)
            .Where(last => last.Paid)
            .Select(last => new FeedWatch(last.EmployerBin, last.Month))];
    }

    /// <summary>The last paid month a watched employer may have for the feed covered through <paramref name="feedCoveredThrough"/> to show its stop.</summary>
    public static FeedMonth StopVisibleThrough(FeedMonth feedCoveredThrough) => feedCoveredThrough.AddMonths(-2);

    private static bool NotReportedPastDeadline(FeedMonth missing, FeedMonth? feedCoveredThrough, DateOnly today) =>
        feedCoveredThrough is { } covered && covered >= missing.AddMonths(1) && today > PaymentDeadline(missing);
}
