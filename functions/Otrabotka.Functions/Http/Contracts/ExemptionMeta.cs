using Otrabotka.Domain;

namespace Otrabotka.Functions.Http.Contracts;

/// <summary>An exemption's metadata as the wire carries it (the domain's claim: <see cref="ExemptionClaim"/>).</summary>
public sealed record ExemptionMeta(
    ExemptionGround Ground, DateOnly CommissionDecisionDate, string? SpouseLocality, int? DisabilityGroup,
    Level? StudyLevel, DateOnly? EnrolmentDate, DateOnly? PregnancyConfirmedOn, DateOnly? ChildBirthDate, bool? StateOrder = null);
