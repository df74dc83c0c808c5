namespace Otrabotka.Functions.UseCases;

/// <summary>
/// A reminder run as the operator sees it. What the run read, every entity counted: <paramref name="EntitiesRead"/> =
/// <paramref name="IndexRead"/> (the due index's rows read to decide and to plan the run, one a due graduate, and the
/// markers read to tell this run's sends from earlier ones) + <paramref name="RowsRead"/> (the entities answered by the
/// <paramref name="GraduatesRead"/> reads of a graduate's live rows, one per reminder handled). A send that failed
/// with a storage error is not counted. No read depends on the store's size: only due graduates are read.
/// </summary>
public sealed record ReminderRunStatus(
    string RunId, DateOnly Date, string Trigger, string State, int Chunks, int ChunksDone, int Due, int Sent, int Skipped, int Failed, int Superseded,
    int EntitiesRead, bool Done, DateTimeOffset StartedAt, int IndexRead, int GraduatesRead, int RowsRead);
