namespace Otrabotka.Functions.UseCases.OperatorDesk;

/// <summary>One correction of a graduate's registration: when, by whom (actor = role, actorId = the operator's subject), why, what changed, and whether the obligation changed with it.</summary>
public sealed record CorrectionView(string CorrectionId, DateTimeOffset At, string Actor, string ActorId, string Reason, IReadOnlyList<FieldChange> Changes, bool ObligationChanged);
