using Otrabotka.Domain;

namespace Otrabotka.Functions.Http.Contracts;

/// <summary>
/// An employment confirmation's metadata as the wire carries it (the OpenAPI document describes it from
/// this record); the domain's <see cref="EmploymentClaim"/> is what the app works with. OrganisationKinds
/// (optional on the wire, always stored) lists every kind, OrganisationKind among them.
/// </summary>
public sealed record EmploymentMeta(
    string EmployerBin, string EmployerName, string EmployerEmail, OrganisationKind OrganisationKind, Ownership Ownership,
    Region Region, SettlementType SettlementType, string? KatoCode, string Position, DateOnly StartDate, DateOnly? EndDate,
    IReadOnlyList<OrganisationKind>? OrganisationKinds = null);
