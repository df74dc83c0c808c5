using Otrabotka.Domain;

namespace Otrabotka.Functions.UseCases;

/// <summary>A document for review, with a 5-minute read link for a clean file.</summary>
public sealed class ReadReviewDocument(ReviewDocuments documents, EmployerAddressChecks checks)
{
    /// <summary>The document for review with what was and was not verified about it (e.g. employer-address-unverified).</summary>
    public async Task<Outcome<ReviewDocumentView>> RunAsync(string documentId, Language language, CancellationToken cancellationToken)
    {
        var outcome = await documents.GetAsync(documentId, language, cancellationToken);
        return outcome.Value is { } view
            ? Outcome<ReviewDocumentView>.Ok(ReviewDocumentView.Of(view, await checks.ChecksAsync(documentId, cancellationToken), language))
            : outcome.Problem!;
    }
}
