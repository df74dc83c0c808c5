using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// Validates a file that landed in intake/{graduateId}/{documentId} (the blob trigger): the blob's name says whose
/// document it is; the step itself is the <see cref="DocumentValidator"/>'s (shared with POST …/complete and the sweeps).
/// </summary>
public sealed class ValidateDocument(DocumentValidator validator, ILogger<ValidateDocument> logger)
{
    /// <summary>Who ran the step, for the history: the blob trigger, the upload request, /complete, or the sweep.</summary>
    public const string ByTrigger = "blob-trigger";
    public const string ByUpload = "upload";
    public const string ByComplete = "complete";
    public const string BySweep = "sweep";

    public static string BlobName(string graduateId, string documentId) => $"{graduateId}/{documentId}";

    public static bool TryParseBlobName(string name, out string graduateId, out string documentId)
    {
        var parts = name.Split('/');
        graduateId = parts.Length == 2 ? parts[0] : "";
        documentId = parts.Length == 2 ? parts[1] : "";
        return parts.Length == 2 && GraduateData.SafeKey(graduateId) && GraduateData.SafeKey(documentId);
    }

    /// <summary>From the blob trigger: the blob's name says whose document it is.</summary>
    public async Task RunAsync(BlobClient blob, string name, CancellationToken cancellationToken)
    {
        if (!TryParseBlobName(name, out var graduateId, out var documentId))
        {
            logger.IntakeIgnored("unexpected blob name");
            return;
        }

        await validator.RunAsync(graduateId, documentId, blob, cancellationToken, ByTrigger);
    }
}
