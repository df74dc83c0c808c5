using Azure;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// A chunked reminder run as stored: its date, trigger and start, the rows read to decide and to plan it,
/// and once planned its chunks, the reminders due and the steps superseded. The ETag guards the plan.
/// </summary>
public sealed record ReminderRunRow(
    string RunId, DateOnly Date, string Trigger, DateTimeOffset StartedAt, int DecisionRead, int? Chunks = null, int Due = 0, int Superseded = 0, int PlanRead = 0)
{
    public ETag ETag { get; init; }
}
