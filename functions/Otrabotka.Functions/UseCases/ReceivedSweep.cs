using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Otrabotka.Domain;
using Otrabotka.Functions.Configuration;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// No document stays "received" for ever (issue 11, H2): one still "received" past the bound
/// (Intake__ReceivedTimeoutMinutes, longer than an upload link lives) is validated again if its file is in
/// intake, or else rejected with "file-not-received" and the graduate told by e-mail, in one transaction.
/// </summary>
public sealed class ReceivedSweep(
    StorageClients storage,
    GraduateRepository repository,
    DocumentChanges changes,
    DocumentValidator validate,
    IOptions<IntakeSettings> settings,
    TimeProvider time,
    ILogger<ReceivedSweep> logger)
{
    public const string Actor = "received-sweep";

    public static Reason NotReceived => IntakeRules.NotReceived;

    public async Task<ReceivedSweepResult> RunAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow() - TimeSpan.FromMinutes(settings.Value.ReceivedTimeoutMinutes);
        var tally = new Dictionary<Settled, int>();
        var examined = 0;
        await foreach (var entry in ReceivedIndex.OlderThanAsync(storage, before, cancellationToken))
        {
            examined++;
            var settled = await SettleAsync(entry, cancellationToken);
            tally[settled] = tally.GetValueOrDefault(settled) + 1;
        }

        var result = new ReceivedSweepResult(examined, tally.GetValueOrDefault(Settled.Retried), tally.GetValueOrDefault(Settled.Failed), tally.GetValueOrDefault(Settled.Cleared));
        if (result.Retried + result.Failed > 0)
        {
            logger.ReceivedSwept(result.Retried, result.Failed);
        }

        return result;
    }

    private enum Settled
    {
        Cleared,
        Retried,
        Failed,
        Pending,
    }

    private async Task<Settled> SettleAsync(ReceivedIndex.Entry entry, CancellationToken cancellationToken)
    {
        var unit = await repository.LoadAsync(entry.GraduateId, cancellationToken);
        if (unit?.Find(entry.DocumentId) is not { Status: DocumentStatus.Received } document)
        {
            await ReceivedIndex.RemoveAsync(storage, entry, cancellationToken);
            return Settled.Cleared;
        }

        var blob = storage.Container(StorageNames.IntakeContainer).GetBlobClient(ValidateDocument.BlobName(entry.GraduateId, document.Id));
        if (await blob.ExistsAsync(cancellationToken))
        {
            var validated = await validate.RunAsync(entry.GraduateId, document.Id, blob, cancellationToken, ValidateDocument.BySweep);
            return validated is { Status: DocumentStatus.Received } ? Settled.Pending : await ClearAsync(entry, Settled.Retried, cancellationToken);
        }

        // Rejected as never received, the graduate told; a concurrent move means the next run clears the entry.
        document.Validate(new DocumentValidation(DocumentFile.None, [NotReceived], []), time.GetUtcNow(), Domain.Actor.System(Actor));
        try
        {
            await changes.CommitAsync(unit, cancellationToken);
        }
        catch (ConcurrentChangeException)
        {
            return Settled.Pending;
        }

        return await ClearAsync(entry, Settled.Failed, cancellationToken);
    }

    private async Task<Settled> ClearAsync(ReceivedIndex.Entry entry, Settled outcome, CancellationToken cancellationToken)
    {
        await ReceivedIndex.RemoveAsync(storage, entry, cancellationToken);
        return outcome;
    }
}
