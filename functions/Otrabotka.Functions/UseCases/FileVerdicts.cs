using Azure.Storage.Blobs;
using Otrabotka.Domain;
using Otrabotka.Functions.Adapters;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// A document file's malware verdict (through <see cref="IMalwareVerdicts"/>) as the rules see it
/// (<see cref="FileSafety"/>; what it allows is decided in <see cref="FileSafetyRules"/>), and the move of a
/// malicious file to quarantine.
/// </summary>
public sealed class FileVerdicts(StorageClients storage, IMalwareVerdicts verdicts)
{
    /// <summary>The safety of the document's stored file; unscanned when it has none stored.</summary>
    public Task<FileSafety> SafetyOfAsync(Document document, CancellationToken cancellationToken) =>
        document.File.Location is { } path && path.Split('/', 2) is [var container, var name]
            ? SafetyOfAsync(storage.Container(container).GetBlobClient(name), cancellationToken)
            : Task.FromResult(FileSafety.Unscanned);

    public async Task<FileSafety> SafetyOfAsync(BlobClient blob, CancellationToken cancellationToken) =>
        await verdicts.VerdictAsync(blob, cancellationToken) switch
        {
            MalwareVerdict.Clean => FileSafety.Clean,
            MalwareVerdict.Malicious => FileSafety.Malicious,
            MalwareVerdict.Pending or MalwareVerdict.None => FileSafety.Unscanned,
        };

    /// <summary>Moves a stored file to quarantine (same name); returns its new "container/name".</summary>
    public async Task<string> QuarantineAsync(Document document, CancellationToken cancellationToken)
    {
        if (document.File.Location is not { } path || path.Split('/', 2) is not [var container, var name] || container == StorageNames.QuarantineContainer)
        {
            return document.File.Location ?? "";
        }

        var source = storage.Container(container).GetBlobClient(name);
        try
        {
            var content = await source.DownloadContentAsync(cancellationToken);
            await storage.Container(StorageNames.QuarantineContainer).GetBlobClient(name).UploadAsync(content.Value.Content, overwrite: true, cancellationToken);
            await source.DeleteIfExistsAsync(cancellationToken: cancellationToken);
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            // Moved already by an earlier attempt whose commit lost a race.
        }

        return $"{StorageNames.QuarantineContainer}/{name}";
    }
}
