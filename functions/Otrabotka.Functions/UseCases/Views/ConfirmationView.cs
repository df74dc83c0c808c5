using Otrabotka.Domain;

namespace Otrabotka.Functions.UseCases;

public sealed record ConfirmationView(
    string GraduateName, string EmployerName, string EmployerBin, string Position, DateOnly StartDate, DateOnly? EndDate,
    OrganisationKind OrganisationKind, string OrganisationKindName, Region Region, string RegionName, SettlementType SettlementType, DocumentStatus Status,
    IReadOnlyList<OrganisationKind> OrganisationKinds, IReadOnlyList<string> OrganisationKindNames, Storage.EmployerRegistryView? Registry = null);
