using Otrabotka.Domain;

namespace Otrabotka.Functions.Http.Contracts;

/// <summary>GET /api/review/documents query: filters and the page's continuation token.</summary>
public sealed record ReviewQueueQuery(DocumentKind? Kind = null, Category? Category = null, Region? Region = null, int? WaitingDays = null, string? ContinuationToken = null, string? Check = null);
