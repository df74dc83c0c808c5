namespace Otrabotka.Functions.UseCases;

/// <summary>A reminder run as the operator sees it.</summary>
public sealed record ReminderRunStatus(
    string RunId, DateOnly Date, string Trigger, string State, int Chunks, int ChunksDone, int Due, int Sent, int Skipped, int Failed, int Superseded,
    int EntitiesRead, bool Done, DateTimeOffset StartedAt);
