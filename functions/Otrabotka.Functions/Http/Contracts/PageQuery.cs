namespace Otrabotka.Functions.Http.Contracts;

/// <summary>A paged list's query: the continuation token of the page before.</summary>
public sealed record PageQuery(string? ContinuationToken = null);
