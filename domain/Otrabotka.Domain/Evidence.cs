namespace Otrabotka.Domain;

/// <summary>What a period of the ledger rests on: the document (its id and kind), or later the pension feed's months.</summary>
public sealed record Evidence(EvidenceKind Kind, string Reference, DocumentKind? DocumentKind = null, IReadOnlyList<string>? Months = null)
{
    public static Evidence Of(Document document) => new(EvidenceKind.Document, document.Id, document.Kind);
}
