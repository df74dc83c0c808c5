namespace Otrabotka.Domain;

/// <summary>
/// An employer's answer through the link: confirm or decline, whether the address is a public mail
/// service, the safety of the document's file, the line for the history and the employer's own note.
/// </summary>
public sealed record EmployerAnswer(bool Confirm, bool PublicMail, FileSafety Safety, string HistoryNote, string? Note);
