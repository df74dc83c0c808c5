using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Benchmarks;

/// <summary>
/// Where a feed chunk's execution spends its time (<see cref="ImportTrace"/>'s feed-chunk span and the phases under it:
/// feed-read, feed-graduates, feed-sync with the operators' index's own index/counters spans, feed-record), kept for
/// the slowest executions of a pass: what to fix when one runs over the minute.
/// </summary>
public sealed class FeedExecutionProfile : IDisposable
{
    private const int Kept = 5;
    private const string Root = "feed-chunk";
    private readonly ConcurrentDictionary<Activity, ConcurrentDictionary<string, (double Seconds, int? Graduates, int Runs)>> open = new();
    private readonly List<(double Seconds, IReadOnlyDictionary<string, (double Seconds, int? Graduates, int Runs)> Phases)> slowest = [];
    private readonly ActivityListener listener;

    public FeedExecutionProfile()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ImportTrace.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStarted = span =>
            {
                if (span.OperationName == Root)
                {
                    open[span] = new(StringComparer.Ordinal);
                }
            },
            ActivityStopped = Stopped,
        };
        ActivitySource.AddActivityListener(listener);
    }

    private void Stopped(Activity span)
    {
        if (span.OperationName == Root)
        {
            if (open.TryRemove(span, out var phases))
            {
                lock (slowest)
                {
                    slowest.Add((span.Duration.TotalSeconds, phases));
                    slowest.Sort((a, b) => b.Seconds.CompareTo(a.Seconds));
                    if (slowest.Count > Kept)
                    {
                        slowest.RemoveAt(Kept);
                    }
                }
            }

            return;
        }

        var root = span.Parent;
        while (root is not null && root.OperationName != Root)
        {
            root = root.Parent;
        }

        if (root is not null && open.TryGetValue(root, out var sums))
        {
            // A phase run once a piece (feed-graduates, feed-sync) adds up: its time and its graduates.
            var count = span.GetTagItem("graduates") is int graduates ? graduates : (int?)null;
            sums.AddOrUpdate(span.OperationName, (span.Duration.TotalSeconds, count, 1), (_, sum) => (sum.Seconds + span.Duration.TotalSeconds, count is null ? sum.Graduates : (sum.Graduates ?? 0) + count, sum.Runs + 1));
        }
    }

    /// <summary>The slowest executions seen, each with its phases' time (nested phases are also inside their parent's).</summary>
    public void Print(string label)
    {
        lock (slowest)
        {
            if (slowest.Count == 0)
            {
                return;
            }

            Console.WriteLine($"{label}, its chunks done: the slowest executions (phases in s; index and counters are inside feed-sync):");
            foreach (var (seconds, phases) in slowest)
            {
                var parts = phases.OrderByDescending(p => p.Value.Seconds)
                    .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value.Seconds:N1}{Note(p.Value.Graduates, p.Value.Runs)}"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {seconds,6:N2} s: {string.Join(", ", parts)}"));
            }
        }
    }

    private static string Note(int? graduates, int runs) => (graduates, runs) switch
    {
        (null, 1) => "",
        (null, _) => $" ({runs} pieces)",
        (_, 1) => $" ({graduates} graduates)",
        _ => $" ({graduates} graduates in {runs} pieces)",
    };

    public void Dispose() => listener.Dispose();
}
