namespace Otrabotka.Domain;

/// <summary>What a ledger period rests on.</summary>
public enum EvidenceKind
{
    /// <summary>An accepted document (uploaded, or filed by an operator).</summary>
    Document,
    /// <summary>Months of pension contributions from the Ministry of Labour's feed (issue 16).</summary>
    PensionFeed,
}
