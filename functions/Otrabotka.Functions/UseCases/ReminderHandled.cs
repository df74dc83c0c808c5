namespace Otrabotka.Functions.UseCases;

/// <summary>
/// One due reminder handled: its outcome, and what the run read for it — the graduate's live rows, once per try
/// (<paramref name="GraduatesRead"/> queries answering <paramref name="RowsRead"/> entities).
/// </summary>
public sealed record ReminderHandled(ReminderOutcome Outcome, int GraduatesRead, int RowsRead);
