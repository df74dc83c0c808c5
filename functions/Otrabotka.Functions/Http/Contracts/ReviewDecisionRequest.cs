namespace Otrabotka.Functions.Http.Contracts;

/// <summary>POST /api/review/documents/{id}/decision: approve, or reject with a reason code.</summary>
public sealed record ReviewDecisionRequest(ReviewVerdict Decision, string? ReasonCode = null, string? Note = null);
