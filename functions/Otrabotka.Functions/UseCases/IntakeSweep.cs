using Microsoft.Extensions.Options;
using Otrabotka.Domain;
using Otrabotka.Functions.Configuration;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// The safety net under the blob trigger: a blob trigger event can be missed (Event Grid gives up, or the
/// local polling trigger skips a blob), so every minute the intake container is listed — it holds only
/// files not yet validated — and the same idempotent validation step runs for each file old enough.
/// Files whose document was decided already (a crash after the commit) are removed.
/// </summary>
public sealed class IntakeSweep(StorageClients storage, DocumentValidator validate, IOptions<IntakeSettings> settings, TimeProvider time)
{
    public static readonly TimeSpan OrphanAge = TimeSpan.FromDays(1);

    public async Task<IntakeSweepResult> RunAsync(CancellationToken cancellationToken)
    {
        var container = storage.Container(StorageNames.IntakeContainer);
        var now = time.GetUtcNow();
        int examined = 0, validated = 0, removed = 0;
        await foreach (var item in container.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            examined++;
            var modified = item.Properties.LastModified ?? now;
            if (modified > now - TimeSpan.FromSeconds(settings.Value.SweepMinimumAgeSeconds))
            {
                continue;
            }

            var blob = container.GetBlobClient(item.Name);
            if (!ValidateDocument.TryParseBlobName(item.Name, out var graduateId, out var documentId))
            {
                continue;
            }

            var document = await validate.RunAsync(graduateId, documentId, blob, cancellationToken, ValidateDocument.BySweep);
            if (document is null ? modified < now - OrphanAge : document.Status != DocumentStatus.Received && document.File.JudgedVersion is not null)
            {
                removed += await blob.DeleteIfExistsAsync(cancellationToken: cancellationToken) ? 1 : 0;
            }
            else if (document is not null)
            {
                validated++;
            }
        }

        return new IntakeSweepResult(examined, validated, removed);
    }
}
