using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>A reminder as a run's chunk file carries it: the due row to send, and the earlier steps of its series it replaces.</summary>
public sealed record ChunkedReminder(DueReminder Reminder, IReadOnlyList<DueReminder> Superseded)
{
    /// <summary>This row and the earlier steps of its series: all leave the due index once the reminder is handled.</summary>
    public IEnumerable<(DateOnly DueOn, string Key)> Rows() => Superseded.Prepend(Reminder).Select(row => (row.DueOn, row.Key));
}
