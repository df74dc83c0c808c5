using System.Diagnostics;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// Work that must end within one execution (no execution over a minute): items are handed out in order while the
/// budget lasts, so — even to a parallel loop, which takes its items one at a time — the ones taken are a prefix and
/// the rest wait for the next message (the reminder run's chunks stop the same way). The first item is always handed
/// out, so every execution makes progress.
/// </summary>
public sealed class TimeBudget(TimeSpan budget)
{
    private readonly Stopwatch clock = Stopwatch.StartNew();

    /// <summary>How many items were handed out.</summary>
    public int Taken { get; private set; }

    public bool Spent => clock.Elapsed >= budget;

    /// <summary>The items from <paramref name="from"/> on, while the budget lasts.</summary>
    public IEnumerable<T> Take<T>(IReadOnlyList<T> items, int from)
    {
        for (var index = from; index < items.Count && (index == from || !Spent); index++)
        {
            Taken++;
            yield return items[index];
        }
    }
}
