namespace Otrabotka.Domain;

/// <summary>
/// Everything a document keeps between requests, as its store hands it back. <see cref="Note"/> is the note
/// whoever rejected it (<see cref="NoteBy"/>: an operator or the employer) wrote for the graduate, kept while it stays rejected.
/// </summary>
public sealed record DocumentState(
    string Id,
    IDocumentClaim Claim,
    DocumentStatus Status,
    bool Contested,
    DateTimeOffset ReceivedAt,
    DateTimeOffset UpdatedAt,
    int HistoryCount,
    string SubmittedBy,
    DocumentFile File,
    IReadOnlyList<Reason> Reasons,
    IReadOnlyList<Reason> Warnings,
    EmployerLink? Link,
    string? Note = null,
    ActorRole? NoteBy = null);
