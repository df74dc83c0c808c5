using Otrabotka.Domain;

namespace Otrabotka.Functions.UseCases;

/// <summary>What a change's index sync still has to write outside the graduate's partition once the change is committed.</summary>
public sealed record PreparedSync(PlanChange Change, ObligationStatus Status, DateOnly? StatusChangesOn = null);
