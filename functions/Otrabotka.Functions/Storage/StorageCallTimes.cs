using System.Diagnostics;
using System.Globalization;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// How long the app's storage calls took, by kind ("GET graduates", "POST $batch", "PUT documents", …): count, mean,
/// p95 and longest since the last <see cref="Clear"/>. The intake benchmark reads it to show where an upload's time
/// goes (issue 12); the last 2,048 durations of a kind give its p95.
/// </summary>
public sealed class StorageCallTimes
{
    private const int Sampled = 2048;
    private readonly Dictionary<string, Kind> kinds = new(StringComparer.Ordinal);

    /// <summary>A kind's figures, in milliseconds.</summary>
    public sealed record Figures(string Kind, long Count, double MeanMs, double P95Ms, double MaxMs);

    public void Record(string method, string path, long startTimestamp)
    {
        var elapsed = Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds;
        var name = $"{method} {Resource(path)}";
        lock (kinds)
        {
            if (!kinds.TryGetValue(name, out var kind))
            {
                kinds[name] = kind = new Kind();
            }

            kind.Add(elapsed);
        }
    }

    public IReadOnlyList<Figures> Snapshot()
    {
        lock (kinds)
        {
            return [.. kinds.Select(pair => pair.Value.Figures(pair.Key)).OrderByDescending(figures => figures.Count * figures.MeanMs)];
        }
    }

    public void Clear()
    {
        lock (kinds)
        {
            kinds.Clear();
        }
    }

    /// <summary>The path's resource without account and keys: "/acct/graduates(PartitionKey=…)" → "graduates", "/acct/dispatch/messages" → "dispatch".</summary>
    private static string Resource(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var resource = segments.Length > 1 ? segments[1] : path;
        var parenthesis = resource.IndexOf('(', StringComparison.Ordinal);
        return parenthesis < 0 ? resource : resource[..parenthesis];
    }

    private sealed class Kind
    {
        private readonly double[] samples = new double[Sampled];
        private long count;
        private double total;
        private double max;

        public void Add(double milliseconds)
        {
            samples[count % Sampled] = milliseconds;
            count++;
            total += milliseconds;
            max = Math.Max(max, milliseconds);
        }

        public Figures Figures(string name)
        {
            var kept = samples.Take((int)Math.Min(count, Sampled)).Order().ToArray();
            var p95 = kept.Length == 0 ? 0 : kept[Math.Min(kept.Length - 1, (int)Math.Ceiling(0.95 * kept.Length) - 1)];
            return new Figures(name, count, count == 0 ? 0 : Math.Round(total / count, 1), Math.Round(p95, 1), Math.Round(max, 1));
        }
    }
}
