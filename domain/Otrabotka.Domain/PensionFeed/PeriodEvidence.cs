namespace Otrabotka.Domain;

/// <summary>A period's evidence: its kind, and for the pension feed the months of paid contributions it credits.</summary>
public sealed record PeriodEvidence(EvidenceKind Kind, IReadOnlyList<FeedMonth> Months)
{
    public static readonly PeriodEvidence Document = new(EvidenceKind.Document, []);

    public static PeriodEvidence PensionFeed(IReadOnlyList<FeedMonth> months) => new(EvidenceKind.PensionFeed, months);
}
