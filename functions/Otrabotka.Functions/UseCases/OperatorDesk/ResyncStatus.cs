namespace Otrabotka.Functions.UseCases.OperatorDesk;

/// <summary>A re-sync of the operators' index, as a supervisor follows it: running or done, steps (pages of graduates) and graduates re-synced so far.</summary>
public sealed record ResyncStatus(string RunId, string State, int Steps, int Graduates, DateTimeOffset StartedAt, DateTimeOffset UpdatedAt, string StatusUrl);
