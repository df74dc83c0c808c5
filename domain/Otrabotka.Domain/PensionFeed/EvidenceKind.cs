namespace Otrabotka.Domain;

/// <summary>What a ledger period rests on.</summary>
public enum EvidenceKind
{
    /// <summary>An uploaded document, confirmed by the employer's link or an operator.</summary>
    Document,
    /// <summary>A paper an operator filed.</summary>
    OperatorPaper,
    /// <summary>Pension contributions reported by the Ministry of Labour, with their months.</summary>
    PensionFeed,
}
