namespace Otrabotka.Functions.Http.Contracts;

/// <summary>POST /api/me/documents/{id}/contest: why the graduate disputes a refusal (at most 2,000 characters).</summary>
public sealed record ContestRequest(string Note);
