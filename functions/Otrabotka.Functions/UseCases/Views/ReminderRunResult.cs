using System.Text.Json.Serialization;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// An inline reminder run's answer. <paramref name="EntitiesRead"/> counts every entity the run read: the due index's
/// rows (<see cref="DueRowsRead"/>, one a due graduate) and, per reminder handled, its graduate's live rows
/// (<see cref="GraduatesRead"/> reads answering <see cref="RowsRead"/> entities). The parts are kept off the wire
/// (the answer keeps its documented shape); the run's log line and its row in the runs table carry them.
/// </summary>
public sealed record ReminderRunResult(DateOnly Date, int EntitiesRead, int Sent, int AlreadySent, int Superseded)
{
    [JsonIgnore]
    public int DueRowsRead { get; init; }

    [JsonIgnore]
    public int GraduatesRead { get; init; }

    [JsonIgnore]
    public int RowsRead { get; init; }
}
