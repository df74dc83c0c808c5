using Otrabotka.Domain;

namespace Otrabotka.Functions.Http.Contracts;

/// <summary>PATCH /api/me: what a graduate may change themselves; an absent field stays as it is.</summary>
public sealed record ContactUpdate(string? Email = null, Language? Language = null);
