using Otrabotka.Domain;

namespace Otrabotka.Functions.UseCases;

/// <summary>What a ledger period rests on, as shown: a document (its id and kind), or the pension feed's months (YYYY-MM).</summary>
public sealed record EvidenceView(EvidenceKind Kind, string? DocumentId, DocumentKind? DocumentKind, IReadOnlyList<string>? Months)
{
    public static EvidenceView? Of(PeriodEvidence? evidence) => evidence is null ? null
        : new(evidence.Kind, evidence.DocumentId, evidence.DocumentKind, evidence.Months.Count == 0 ? null : evidence.Months.Select(month => month.ToString()).ToList());
}
