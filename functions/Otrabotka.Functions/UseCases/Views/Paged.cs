namespace Otrabotka.Functions.UseCases;

public sealed record Paged<T>(IReadOnlyList<T> Items, string? ContinuationToken);
