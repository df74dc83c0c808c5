namespace Otrabotka.Domain;

/// <summary>
/// An operator's review decision: approve or reject, the safety of the document's file, the line for the
/// history, the reason a rejection gives (a known reason code) and the operator's note to the graduate.
/// </summary>
public sealed record ReviewDecision(bool Approve, FileSafety Safety, string? HistoryNote, Reason? Rejection, string? Note);
