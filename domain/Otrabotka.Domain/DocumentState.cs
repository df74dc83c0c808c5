namespace Otrabotka.Domain;

/// <summary>Everything a document keeps between requests, as its store hands it back.</summary>
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
    EmployerLink? Link);
