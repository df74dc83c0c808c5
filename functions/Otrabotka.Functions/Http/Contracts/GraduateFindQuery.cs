using Otrabotka.Domain;

namespace Otrabotka.Functions.Http.Contracts;

/// <summary>GET /api/operator/graduates: q is an IIN (12 digits) or words of a name (each the start of a word; case and Kazakh letters folded).</summary>
public sealed record GraduateFindQuery(
    string? Q = null, Category? Category = null, Region? Region = null, ObligationStatus? Status = null, int? PageSize = null, string? ContinuationToken = null);
