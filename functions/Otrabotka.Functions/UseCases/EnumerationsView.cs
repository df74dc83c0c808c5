using Otrabotka.Domain;

namespace Otrabotka.Functions.UseCases;

public sealed record EnumerationsView(
    IReadOnlyList<EnumerationValue> Categories,
    IReadOnlyList<EnumerationValue> Levels,
    IReadOnlyList<EnumerationValue> SpecialtyGroups,
    IReadOnlyList<EnumerationValue> OrganisationKinds,
    IReadOnlyList<EnumerationValue> Ownerships,
    IReadOnlyList<EnumerationValue> Regions,
    IReadOnlyList<EnumerationValue> SettlementTypes,
    IReadOnlyList<EnumerationValue> DocumentKinds,
    IReadOnlyList<EnumerationValue> DocumentStatuses,
    IReadOnlyList<EnumerationValue> ObligationStatuses,
    IReadOnlyList<EnumerationValue> ExemptionGrounds,
    Text Contacts);
