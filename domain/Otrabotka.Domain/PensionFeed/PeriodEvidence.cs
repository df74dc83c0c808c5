namespace Otrabotka.Domain;

/// <summary>
/// What a ledger period rests on: its kind; for a document, the document's id and kind; for the pension
/// feed, the months of paid contributions it credits.
/// </summary>
public sealed record PeriodEvidence(EvidenceKind Kind, IReadOnlyList<FeedMonth> Months, string? DocumentId = null, DocumentKind? DocumentKind = null)
{
    public static readonly PeriodEvidence Document = new(EvidenceKind.Document, []);

    public static PeriodEvidence PensionFeed(IReadOnlyList<FeedMonth> months) => new(EvidenceKind.PensionFeed, months);

    /// <summary>A document's evidence: a paper an operator filed, or an uploaded document.</summary>
    public static PeriodEvidence Of(Otrabotka.Domain.Document document) =>
        new(document.State.SubmittedBy == Actor.OperatorLabel ? EvidenceKind.OperatorPaper : EvidenceKind.Document, [], document.Id, document.Kind);

    /// <summary>Value equality over the months too (a record compares lists by reference).</summary>
    public bool Equals(PeriodEvidence? other) =>
        other is not null && Kind == other.Kind && DocumentId == other.DocumentId && DocumentKind == other.DocumentKind && Months.SequenceEqual(other.Months);

    public override int GetHashCode() => HashCode.Combine(Kind, DocumentId, DocumentKind, Months.Count);
}
