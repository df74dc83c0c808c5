using Otrabotka.Domain;
using Otrabotka.Functions.Notifications;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.UseCases.OperatorDesk;

/// <summary>
/// The operators' dashboard: counts by category, region and status (and at risk) from the counters,
/// the documents waiting longest from the review queue's first page, failed e-mails counted up to a cap.
/// Nothing here reads a profile; the cost does not grow with the number of graduates.
/// </summary>
public sealed class ReadDashboard(OperatorCounters counters, ListReviewQueue reviews, FailedNotifications failed, TimeProvider time)
{
    public const int WaitingShown = 10;
    public const int FailedShown = 5;

    public async Task<Outcome<DashboardView>> RunAsync(Language language, CancellationToken cancellationToken)
    {
        var totals = await counters.ReadAsync(cancellationToken);
        var queue = await reviews.RunAsync(new Fields(new Dictionary<string, string?>()), cancellationToken);
        var failures = await failed.ListAsync(null, cancellationToken);
        var (failedCount, capped) = await counters.FailedNotificationsAsync(cancellationToken);
        var byCategory = Lines<Category>(totals, "category", language, c => Names.Of(c));
        return Outcome<DashboardView>.Ok(new DashboardView(
            time.GetUtcNow(),
            byCategory.Sum(l => l.Count),
            byCategory,
            Lines<Region>(totals, "region", language, r => Names.Of(r), "operator.region-none"),
            Lines<ObligationStatus>(totals, "status", language, s => Names.Of(s), "operator.status-none"),
            totals.Counts.GetValueOrDefault("status:" + Wire.Name(ObligationStatus.AtRisk)),
            (queue.Value?.Items ?? []).Take(WaitingShown).ToList(),
            new FailedSummary(failedCount, capped, (failures.Value?.Items ?? []).Take(FailedShown).ToList())));
    }

    /// <summary>Every value of the enumeration in its declared order (zeros included, so a table keeps its rows), then "not known yet" if counted.</summary>
    private static List<CountView> Lines<T>(CounterTotals totals, string facet, Language language, Func<T, Text> name, string? noneKey = null) where T : struct, Enum
    {
        var lines = Enum.GetValues<T>().Select(v => new CountView(Wire.Name(v), name(v).In(language), totals.Counts.GetValueOrDefault(facet + ":" + Wire.Name(v)))).ToList();
        if (noneKey is not null && totals.Counts.GetValueOrDefault(facet + ":" + OperatorIndexRows.None) is var none and > 0)
        {
            lines.Add(new CountView(null, TextCatalog.Default.Text(noneKey).In(language), none));
        }

        return lines;
    }
}
