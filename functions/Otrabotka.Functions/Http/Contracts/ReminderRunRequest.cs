namespace Otrabotka.Functions.Http.Contracts;

/// <summary>POST /api/reminders/run: the Almaty date to run for (today when absent).</summary>
public sealed record ReminderRunRequest(DateOnly? Date = null);
