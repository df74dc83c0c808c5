using Otrabotka.Domain;
using Otrabotka.Functions.Adapters;
using Otrabotka.Functions.Storage;
using static Otrabotka.Functions.UseCases.DocumentViews;

namespace Otrabotka.Functions.UseCases;

/// <summary>One document with its history, and a 5-minute read link to its file when asked.</summary>
public sealed class ReadDocument(StorageClients storage, GraduateRepository repository, UploadLinks links)
{
    public async Task<Outcome<DocumentView>> RunAsync(string graduateId, string documentId, Language language, bool withReadUrl, CancellationToken cancellationToken, bool forOperator = false)
    {
        var document = (await repository.LoadAsync(graduateId, cancellationToken))?.Find(documentId);
        if (document is null)
        {
            return Problem.NotFound;
        }

        Uri? readUrl = null;
        if (withReadUrl && document.File.Location is { } path && path.Split('/', 2) is [var container, var name])
        {
            readUrl = (await links.ReadOnlyAsync(storage.Container(container).GetBlobClient(name), TimeSpan.FromMinutes(5), cancellationToken)).Url;
        }

        return Outcome<DocumentView>.Ok(View(document, await repository.HistoryAsync(graduateId, documentId, cancellationToken), language, forOperator) with { ReadUrl = readUrl });
    }
}
