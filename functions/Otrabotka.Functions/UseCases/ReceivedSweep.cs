using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Otrabotka.Domain;
using Otrabotka.Functions.Configuration;
using Otrabotka.Functions.Notifications;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

public sealed record ReceivedSweepResult(int Examined, int Retried, int Failed, int Cleared);

/// <summary>
/// No document stays "received" for ever (issue 11, H2): one still "received" past the bound
/// (Intake__ReceivedTimeoutMinutes, longer than an upload link lives) is validated again if its file is in
/// intake, or else rejected with "file-not-received" and the graduate told by e-mail, in one transaction.
/// </summary>
public sealed partial class ReceivedSweep(
    StorageClients storage,
    Graduates graduates,
    GraduateData data,
    ValidateDocument validate,
    DocumentTransitions transitions,
    IOptions<IntakeSettings> settings,
    TimeProvider time,
    ILogger<ReceivedSweep> logger)
{
    public const string Actor = "received-sweep";

    public static readonly Reason NotReceived = new("file-not-received",
        new("Құжаттың файлы келмеді. Құжатты қайта жүктеңіз.", "Файл документа не поступил. Загрузите документ снова.", "The document's file never arrived. Please upload the document again."));

    public async Task<ReceivedSweepResult> RunAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow() - TimeSpan.FromMinutes(settings.Value.ReceivedTimeoutMinutes);
        int examined = 0, retried = 0, failed = 0, cleared = 0;
        await foreach (var entry in ReceivedIndex.OlderThanAsync(storage, before, cancellationToken))
        {
            examined++;
            switch (await SettleAsync(entry, cancellationToken))
            {
                case Settled.Retried:
                    retried++;
                    break;
                case Settled.Failed:
                    failed++;
                    break;
                case Settled.Cleared:
                    cleared++;
                    break;
            }
        }

        if (retried + failed > 0)
        {
            LogSwept(logger, retried, failed);
        }

        return new ReceivedSweepResult(examined, retried, failed, cleared);
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
        var graduate = GraduateData.SafeKey(entry.GraduateId) ? await graduates.GetAsync(entry.GraduateId, cancellationToken) : null;
        var document = graduate is null ? null : await data.DocumentAsync(graduate.Id, entry.DocumentId, cancellationToken);
        if (graduate is null || document is null || document.Status != DocumentStatus.Received)
        {
            await ReceivedIndex.RemoveAsync(storage, entry, cancellationToken);
            return Settled.Cleared;
        }

        var blob = storage.Container(StorageNames.IntakeContainer).GetBlobClient(ValidateDocument.BlobName(graduate.Id, document.Id));
        if (await blob.ExistsAsync(cancellationToken))
        {
            var validated = await validate.RunAsync(graduate.Id, document.Id, blob, cancellationToken, ValidateDocument.BySweep);
            return validated is { Status: DocumentStatus.Received } ? Settled.Pending : await ClearAsync(entry, Settled.Retried, cancellationToken);
        }

        var model = new NoticeModel(GraduateName: graduate.FullName, Document: document.Kind, Reasons: [NotReceived.Message]);
        var (result, _, _) = await transitions.ApplyAsync(
            graduate,
            document,
            [new Move(DocumentStatus.Validating, Actor, null), new Move(DocumentStatus.Rejected, Actor, NotReceived.Code)],
            d => d with { Reasons = [new ReasonRecord(NotReceived.Code, NotReceived.Message)] },
            null,
            [new Notice(graduate.Email, NotificationKind.DocumentRejected, graduate.Language, model)],
            cancellationToken);

        // A conflict means someone else moved the document meanwhile: the next run clears the entry.
        return result == MoveResult.Done ? await ClearAsync(entry, Settled.Failed, cancellationToken) : Settled.Pending;
    }

    private async Task<Settled> ClearAsync(ReceivedIndex.Entry entry, Settled outcome, CancellationToken cancellationToken)
    {
        await ReceivedIndex.RemoveAsync(storage, entry, cancellationToken);
        return outcome;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Documents left received past the bound: {Retried} validated again, {Failed} rejected as never received")]
    private static partial void LogSwept(ILogger logger, int retried, int failed);
}
