namespace Otrabotka.Functions.UseCases;

/// <summary>What the run route answers: today's result at once (few due), or a run to follow.</summary>
public sealed record ReminderRunStart(ReminderRunResult? Result, ReminderRunStatus? Run);
