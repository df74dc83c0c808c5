namespace Otrabotka.Domain;

/// <summary>What a document claims: one claim record per document kind (employment, its end, unemployment, exemption, deferral).</summary>
public interface IDocumentClaim
{
    DocumentKind Kind { get; }
}
