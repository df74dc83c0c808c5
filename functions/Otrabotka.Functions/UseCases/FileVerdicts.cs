using Otrabotka.Domain;
using Otrabotka.Functions.Adapters;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>A document's malware verdict (through <see cref="IMalwareVerdicts"/>), and what it allows.</summary>
public sealed class FileVerdicts(StorageClients storage, IMalwareVerdicts verdicts)
{
    public static readonly Reason Malicious = new("file-malicious",
        new("Файлда зиянды бағдарлама табылды.", "В файле обнаружена вредоносная программа.", "Malware was found in the file."));

    public static readonly Reason NotScanned = new("file-not-scanned",
        new("Файл әлі вирусқа тексерілмеген; кейінірек қайталаңыз.", "Файл ещё не проверен на вирусы; повторите позже.", "The file has not been checked for malware yet; try again later."));

    /// <summary>The verdict on the document's stored file; None when it has none stored.</summary>
    public Task<MalwareVerdict> OfAsync(DocumentRow document, CancellationToken cancellationToken) =>
        document.BlobName is { } path && path.Split('/', 2) is [var container, var name]
            ? verdicts.VerdictAsync(storage.Container(container).GetBlobClient(name), cancellationToken)
            : Task.FromResult(MalwareVerdict.None);

    /// <summary>Where a move to "accepted" goes instead when the file is not known clean: review, or rejection if malicious.</summary>
    public static DocumentStatus Gate(DocumentStatus to, MalwareVerdict verdict) => (to, verdict) switch
    {
        (_, MalwareVerdict.Malicious) => DocumentStatus.Rejected,
        (DocumentStatus.Accepted, not MalwareVerdict.Clean) => DocumentStatus.AwaitingReview,
        _ => to,
    };

    /// <summary>Moves a stored file to quarantine (same name); returns its new "container/name".</summary>
    public async Task<string?> QuarantineAsync(DocumentRow document, CancellationToken cancellationToken)
    {
        if (document.BlobName is not { } path || path.Split('/', 2) is not [var container, var name] || container == StorageNames.QuarantineContainer)
        {
            return document.BlobName;
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
