namespace Otrabotka.Functions.Http.Contracts;

/// <summary>A deferral's metadata as the wire carries it (the domain's claim: <see cref="Domain.DeferralClaim"/>).</summary>
public sealed record DeferralMeta(DateOnly ServiceStart, DateOnly? ServiceEnd);
