namespace Otrabotka.Functions.UseCases;

/// <summary>What one received sweep did: entries examined, documents validated again, rejected as never received, entries cleared.</summary>
public sealed record ReceivedSweepResult(int Examined, int Retried, int Failed, int Cleared);
