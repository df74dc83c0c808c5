namespace Otrabotka.Functions.Http.Contracts;

/// <summary>POST /api/confirmations/decision: the employer's answer and who gives it; the token is used once.</summary>
public sealed record ConfirmationDecisionRequest(string Token, EmployerDecision Decision, string ConfirmerName, string ConfirmerPosition, string? Note = null);
