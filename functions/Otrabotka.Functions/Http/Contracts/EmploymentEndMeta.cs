namespace Otrabotka.Functions.Http.Contracts;

/// <summary>An employment end's metadata as the wire carries it (the domain's claim: <see cref="Domain.EmploymentEndClaim"/>).</summary>
public sealed record EmploymentEndMeta(DateOnly EndDate, string? EmploymentDocumentId);
