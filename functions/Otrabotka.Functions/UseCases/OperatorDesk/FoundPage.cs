namespace Otrabotka.Functions.UseCases.OperatorDesk;

/// <summary>One answer of the operators' search: the hits, where the next call goes on, and the index rows read for it.</summary>
public sealed record FoundPage(IReadOnlyList<SearchHit> Hits, string? ContinuationToken, int EntitiesRead);
