using Otrabotka.Domain;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>A document as the operators' review sees it: found by id through the document index, with a read link only for a clean file.</summary>
public sealed class ReviewDocuments(StorageClients storage, GraduateRepository repository, ReadDocument documents, FileVerdicts verdicts)
{
    /// <summary>A document for review, with a read link only for a file the scanner found clean.</summary>
    public async Task<Outcome<DocumentView>> GetAsync(string documentId, Language language, CancellationToken cancellationToken)
    {
        if (await OwnerAsync(documentId, cancellationToken) is not { } owner)
        {
            return Problem.NotFound;
        }

        var document = (await repository.LoadAsync(owner, cancellationToken))?.Find(documentId);
        var clean = document is not null && await verdicts.SafetyOfAsync(document, cancellationToken) == FileSafety.Clean;
        return await documents.RunAsync(owner, documentId, language, withReadUrl: clean, cancellationToken, forOperator: true);
    }

    public async Task<string?> OwnerAsync(string documentId, CancellationToken cancellationToken) =>
        GraduateData.SafeKey(documentId) ? await DocumentIndex.OwnerAsync(storage, documentId, cancellationToken) : null;
}
