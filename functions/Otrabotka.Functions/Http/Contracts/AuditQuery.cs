namespace Otrabotka.Functions.Http.Contracts;

/// <summary>GET /api/operator/audit: one graduate's entries, or one UTC day's (default today); newest first.</summary>
public sealed record AuditQuery(string? GraduateId = null, DateOnly? Date = null, int? PageSize = null, string? ContinuationToken = null);
