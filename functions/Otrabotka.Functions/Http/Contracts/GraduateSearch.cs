using Otrabotka.Domain;

namespace Otrabotka.Functions.Http.Contracts;

/// <summary>POST /api/graduates/search: an IIN finds one graduate; otherwise filters, paged by the continuation token.</summary>
public sealed record GraduateSearch(
    string? Iin = null, string? Name = null, ObligationStatus? Status = null, Category? Category = null, Region? Region = null, string? ContinuationToken = null);
