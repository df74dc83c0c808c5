namespace Otrabotka.Functions.UseCases;

public sealed record ReminderRunResult(DateOnly Date, int EntitiesRead, int Sent, int AlreadySent, int Superseded);
