using Otrabotka.Domain;

namespace Otrabotka.Functions.Http.Contracts;

/// <summary>POST /api/check: the public "will this job count?" pre-check. No personal data.</summary>
public sealed record WorkplaceCheckRequest(
    Category Category, Level Level, SpecialtyGroup SpecialtyGroup, OrganisationKind? OrganisationKind, IReadOnlyList<OrganisationKind>? OrganisationKinds,
    Ownership Ownership, Region Region, SettlementType SettlementType, string? KatoCode = null, DateOnly? GraduationDate = null,
    int? AdmissionYear = null, DateOnly? StartDate = null, string? EmployerBin = null);
