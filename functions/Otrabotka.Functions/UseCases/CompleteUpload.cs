using Otrabotka.Domain;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.Texts;
using static Otrabotka.Functions.UseCases.DocumentViews;

namespace Otrabotka.Functions.UseCases;

/// <summary>Direct-to-blob upload, last step: validation starts at once, instead of waiting for the blob trigger.</summary>
public sealed class CompleteUpload(StorageClients storage, GraduateRepository repository, DocumentValidator validate)
{
    /// <summary>Starts validation at once after a direct upload, instead of waiting for the blob trigger.</summary>
    public async Task<Outcome<DocumentView>> RunAsync(GraduateRecord graduate, string documentId, Language language, CancellationToken cancellationToken)
    {
        var unit = await repository.LoadAsync(graduate.Id, cancellationToken);
        if (unit?.Find(documentId) is null)
        {
            return Problem.NotFound;
        }

        var document = await validate.RunAsync(graduate.Id, documentId, IntakeBlob(graduate.Id, documentId), cancellationToken, ValidateDocument.ByComplete);
        if (document is null or { Status: DocumentStatus.Received })
        {
            return new Problem(Refusal.Conflict, "file-not-uploaded", TextCatalog.Default.Text("problems.file-not-uploaded"));
        }

        return Outcome<DocumentView>.Ok(View(document, await repository.HistoryAsync(graduate.Id, documentId, cancellationToken), language));
    }

    private Azure.Storage.Blobs.BlobClient IntakeBlob(string graduateId, string documentId) =>
        storage.Container(StorageNames.IntakeContainer).GetBlobClient(ValidateDocument.BlobName(graduateId, documentId));
}
