using Otrabotka.Domain;
using Otrabotka.Functions.Adapters;
using Otrabotka.Functions.Storage;
using static Otrabotka.Functions.UseCases.DocumentMetadata;
using static Otrabotka.Functions.UseCases.DocumentViews;

namespace Otrabotka.Functions.UseCases;

/// <summary>Direct-to-blob upload, first step: the document is recorded and a create-only link to its one blob handed out.</summary>
public sealed class CreateUploadLink(StorageClients storage, DocumentChanges changes, UploadLinks links, TimeProvider time)
{
    public static readonly TimeSpan UploadLinkLifetime = TimeSpan.FromMinutes(15);

    /// <summary>Direct-to-blob: records the document and hands out a create-only link to its one server-named blob, valid 15 minutes.</summary>
    public async Task<Outcome<UploadView>> RunAsync(GraduateRecord graduate, Fields body, CancellationToken cancellationToken)
    {
        var kind = body.Enum<DocumentKind>("kind");
        if (body.Errors.Count > 0)
        {
            return Problem.Invalid(body.Errors);
        }

        var parsed = ParseMetadata(kind, body.Structured("metadata", 16 * 1024));
        if (parsed.Claim is null)
        {
            return Problem.Invalid(parsed.Errors);
        }

        var unit = GraduateUnit.Starting(graduate);
        var document = Document.Receive(DocumentIndex.NewId(graduate.Id), parsed.Claim, time.GetUtcNow(), Actor.Graduate);
        unit.Add(document);
        await changes.CommitAsync(unit, cancellationToken);
        var link = await links.CreateOnlyAsync(IntakeBlob(graduate.Id, document.Id), UploadLinkLifetime, cancellationToken);
        return Outcome<UploadView>.Created(new UploadView(document.Id, link.Url, link.ExpiresAt, StatusUrl(document.Id)));
    }

    private Azure.Storage.Blobs.BlobClient IntakeBlob(string graduateId, string documentId) =>
        storage.Container(StorageNames.IntakeContainer).GetBlobClient(ValidateDocument.BlobName(graduateId, documentId));
}
