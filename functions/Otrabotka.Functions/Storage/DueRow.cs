using System.Text.Json.Serialization;
using Azure;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// A graduate's one row in the reminder due index (ADR 0020): PartitionKey = the date of its earliest pending
/// reminder, RowKey = the graduate's id, carrying every pending reminder of the graduate's plan (with what each
/// message needs) and the plan's <see cref="Stamp"/>. A run reads the rows due, sends what is due by its date and
/// moves the rest on to its next date.
/// </summary>
public sealed record DueRow(DateOnly DueOn, string GraduateId, string? Stamp, IReadOnlyList<DueReminder> Reminders, [property: JsonIgnore] ETag? ETag = null)
{
    /// <summary>The ETag as text, so a run's chunk file keeps it (a move deletes the row only as it was read).</summary>
    public string? Version
    {
        get => ETag?.ToString();
        init => ETag = value is null ? null : new ETag(value);
    }

    /// <summary>The row's RowKey: the graduate's id (a row of the older layout, one reminder a row, keeps its reminder's key).</summary>
    public string Key { get; init; } = GraduateId;

    /// <summary>The reminders due by <paramref name="date"/>.</summary>
    public IReadOnlyList<DueReminder> DueBy(DateOnly date) => Reminders.Where(reminder => reminder.DueOn <= date).ToList();

    /// <summary>The row that follows once everything due by <paramref name="date"/> is handled (null when nothing is left).</summary>
    public DueRow? After(DateOnly date)
    {
        var rest = Reminders.Where(reminder => reminder.DueOn > date).OrderBy(reminder => reminder.DueOn).ToList();
        return rest.Count == 0 ? null : new DueRow(rest[0].DueOn, GraduateId, Stamp, rest);
    }

    /// <summary>The row for a graduate's pending reminders (null when none is pending).</summary>
    public static DueRow? Of(string graduateId, string? stamp, IReadOnlyList<DueReminder> pending)
    {
        var ordered = pending.OrderBy(reminder => reminder.DueOn).Select(reminder => reminder with { Stamp = stamp }).ToList();
        return ordered.Count == 0 ? null : new DueRow(ordered[0].DueOn, graduateId, stamp, ordered);
    }
}
