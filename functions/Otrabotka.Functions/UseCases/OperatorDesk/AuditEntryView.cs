namespace Otrabotka.Functions.UseCases.OperatorDesk;

/// <summary>One entry of the operators' audit trail: who (the token's subject and role), what, when, about which graduate or document.</summary>
public sealed record AuditEntryView(string AuditId, DateTimeOffset At, string ActorId, string Role, string Action, string? GraduateId = null, string? DocumentId = null, string? Detail = null);
