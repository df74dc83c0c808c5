using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// A reminder as a run's chunk file carries it: the reminder to send, the earlier steps of its series it replaces,
/// and the due rows it moves on once handled (each row read by the plan belongs to exactly one chunked reminder).
/// </summary>
public sealed record ChunkedReminder(DueReminder Reminder, IReadOnlyList<DueReminder> Superseded, IReadOnlyList<DueRow> Rows);
