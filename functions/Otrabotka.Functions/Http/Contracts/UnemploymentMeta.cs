namespace Otrabotka.Functions.Http.Contracts;

/// <summary>An unemployment registration's metadata as the wire carries it (the domain's claim: <see cref="Domain.UnemploymentClaim"/>).</summary>
public sealed record UnemploymentMeta(DateOnly ReferralDate, DateOnly RegisteredFrom, DateOnly? RegisteredTo);
