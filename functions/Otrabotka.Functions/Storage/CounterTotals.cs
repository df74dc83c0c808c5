namespace Otrabotka.Functions.Storage;

/// <summary>The dashboard counters summed over their shards (facet → count), and how many counter rows were read.</summary>
public sealed record CounterTotals(IReadOnlyDictionary<string, long> Counts, int EntitiesRead);
