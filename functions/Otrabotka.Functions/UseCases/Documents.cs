using System.Text.Json;
using Azure.Data.Tables;
using Otrabotka.Domain;
using Otrabotka.Functions.Adapters;
using Otrabotka.Functions.Http;
using Otrabotka.Functions.Notifications;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.UseCases;

/// <summary>A document as sent: its kind and metadata (JSON), and the file (absent for a direct upload).</summary>
public sealed record DocumentSubmission(string? Kind, string? Metadata, byte[]? File);

public sealed record SubmittedView(string Id, DocumentStatus Status, string StatusUrl);

public sealed record UploadView(string Id, Uri UploadUrl, DateTimeOffset ExpiresAt, string StatusUrl);

public sealed record ReasonView(string Code, string Message, string? Law = null);

public sealed record HistoryView(DocumentStatus Status, DateTimeOffset At, string Actor, string? Reason);

public sealed record DocumentView(
    string Id, DocumentKind Kind, string KindName, DocumentStatus Status, string StatusName, bool Contested, JsonElement Metadata,
    IReadOnlyList<ReasonView> Reasons, IReadOnlyList<ReasonView> Warnings, string? DuplicateOf,
    DateTimeOffset ReceivedAt, DateTimeOffset UpdatedAt, IReadOnlyList<HistoryView> History, Uri? ReadUrl = null);

/// <summary>What graduates (and operators on their behalf) do with documents.</summary>
public sealed class Documents(
    StorageClients storage,
    GraduateData data,
    DocumentTransitions transitions,
    Idempotency idempotency,
    Outbox outbox,
    UploadLinks links,
    ValidateDocument validate,
    TimeProvider time)
{
    public static readonly TimeSpan UploadLinkLifetime = TimeSpan.FromMinutes(15);

    public static string StatusUrl(string documentId) => $"/api/me/documents/{documentId}";

    /// <summary>Multipart submission: the document is recorded, then its file lands in intake, where the blob trigger validates it.</summary>
    public async Task<Outcome<SubmittedView>> SubmitAsync(GraduateRecord g, string actor, DocumentSubmission submission, string? idempotencyKey, string route, CancellationToken cancellationToken)
    {
        var fields = new Fields(new Dictionary<string, string?> { ["kind"] = submission.Kind });
        var kind = fields.Enum<DocumentKind>("kind");
        if (submission.File is null)
        {
            fields.Add("file", "required", TextCatalog.Default.Text("problems.field.required", ("field", "'file'")));
        }

        var parsed = fields.Errors.Count == 0 ? ParseMetadata(kind, submission.Metadata) : (null, fields.Errors);
        if (parsed.Json is null)
        {
            return Problem.Invalid([.. fields.Errors, .. parsed.Errors]);
        }

        var requestHash = Idempotency.Hash(Wire.Name(kind), parsed.Json, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(submission.File!)));
        var check = await idempotency.CheckAsync(g.Id, route, idempotencyKey, requestHash, cancellationToken);
        if (check.Problem is not null)
        {
            return check.Problem;
        }

        if (check.Replay is { } replay)
        {
            return Outcome<SubmittedView>.Ok(JsonSerializer.Deserialize<SubmittedView>(replay.Body, Json.Options)!, replay.Status);
        }

        // The bytes first: the document and its stored 202 commit only once the file is safe, so no answer
        // (first or replayed) can promise a document whose file is missing. A blob without a document is
        // ignored by validation and removed by the intake sweep after a day.
        var id = GraduateStore.NewId('d');
        var blob = storage.Container(StorageNames.IntakeContainer).GetBlobClient(ValidateDocument.BlobName(g.Id, id));
        await blob.UploadAsync(new BinaryData(submission.File!), overwrite: true, cancellationToken);

        var view = new SubmittedView(id, DocumentStatus.Received, StatusUrl(id));
        var recorded = idempotency.Record(g.Id, route, idempotencyKey, requestHash, new StoredAnswer(202, JsonSerializer.Serialize(view, Json.Options), view.StatusUrl), check.Expired);
        try
        {
            await CreateAsync(g, id, kind, parsed.Json, actor, recorded, cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (recorded is not null && ex.Status is 409 or 412)
        {
            // A concurrent request with the same key committed first: answer as it did.
            await blob.DeleteIfExistsAsync(cancellationToken: cancellationToken);
            return await SubmitAsync(g, actor, submission, idempotencyKey, route, cancellationToken);
        }

        // The request holds the file already, so the validation step runs now; the blob trigger that
        // fires for the same blob later finds the document decided and does nothing. Should this attempt
        // fail, the trigger (with its retries) is the safety net and the status stays "received".
        try
        {
            if (await validate.RunAsync(g.Id, id, blob, cancellationToken, ValidateDocument.ByUpload) is { } validated)
            {
                view = view with { Status = validated.Status };
            }
        }
        catch (Azure.RequestFailedException)
        {
        }

        return Outcome<SubmittedView>.Ok(view, 202);
    }

    /// <summary>Direct-to-blob: records the document and hands out a create-only link to its one server-named blob, valid 15 minutes.</summary>
    public async Task<Outcome<UploadView>> CreateUploadAsync(GraduateRecord g, Fields body, CancellationToken cancellationToken)
    {
        var kind = body.Enum<DocumentKind>("kind");
        if (body.Errors.Count > 0)
        {
            return Problem.Invalid(body.Errors);
        }

        var parsed = ParseMetadata(kind, body.Optional("metadata", 16 * 1024));
        if (parsed.Json is null)
        {
            return Problem.Invalid(parsed.Errors);
        }

        var id = GraduateStore.NewId('d');
        await CreateAsync(g, id, kind, parsed.Json, "graduate", null, cancellationToken);
        var blob = storage.Container(StorageNames.IntakeContainer).GetBlobClient(ValidateDocument.BlobName(g.Id, id));
        var link = await links.CreateOnlyAsync(blob, UploadLinkLifetime, cancellationToken);
        return Outcome<UploadView>.Ok(new UploadView(id, link.Url, link.ExpiresAt, StatusUrl(id)), 201);
    }

    /// <summary>Starts validation at once after a direct upload, instead of waiting for the blob trigger.</summary>
    public async Task<Outcome<DocumentView>> CompleteAsync(GraduateRecord g, string documentId, Language language, CancellationToken cancellationToken)
    {
        if (await data.DocumentAsync(g.Id, documentId, cancellationToken) is null)
        {
            return Problem.NotFound;
        }

        var blob = storage.Container(StorageNames.IntakeContainer).GetBlobClient(ValidateDocument.BlobName(g.Id, documentId));
        var document = await validate.RunAsync(g.Id, documentId, blob, cancellationToken, ValidateDocument.ByComplete);
        if (document is { Status: DocumentStatus.Received })
        {
            return new Problem(409, "file-not-uploaded", TextCatalog.Default.Text("problems.file-not-uploaded"));
        }

        return await ViewAsync(g, documentId, language, false, cancellationToken);
    }

    public async Task<Outcome<IReadOnlyList<DocumentView>>> ListAsync(GraduateRecord g, Language language, CancellationToken cancellationToken)
    {
        var list = new List<DocumentView>();
        foreach (var d in (await data.DocumentsAsync(g.Id, cancellationToken)).OrderByDescending(d => d.ReceivedAt))
        {
            list.Add(View(d, [], language));
        }

        return Outcome<IReadOnlyList<DocumentView>>.Ok(list);
    }

    public async Task<Outcome<DocumentView>> ViewAsync(GraduateRecord g, string documentId, Language language, bool withReadUrl, CancellationToken cancellationToken)
    {
        var d = await data.DocumentAsync(g.Id, documentId, cancellationToken);
        if (d is null)
        {
            return Problem.NotFound;
        }

        Uri? readUrl = null;
        if (withReadUrl && d.BlobName is { } path && path.Split('/', 2) is [var container, var name])
        {
            readUrl = (await links.ReadOnlyAsync(storage.Container(container).GetBlobClient(name), TimeSpan.FromMinutes(5), cancellationToken)).Url;
        }

        return Outcome<DocumentView>.Ok(View(d, await data.HistoryAsync(g.Id, d.Id, cancellationToken), language) with { ReadUrl = readUrl });
    }

    public Task<Outcome<DocumentView>> WithdrawAsync(GraduateRecord g, string documentId, Language language, CancellationToken cancellationToken) =>
        MoveAsync(g, documentId, new Move(DocumentStatus.Withdrawn, "graduate", null), _ => [], language, cancellationToken);

    public Task<Outcome<DocumentView>> ContestAsync(GraduateRecord g, string documentId, Fields body, Language language, CancellationToken cancellationToken)
    {
        var note = body.Required("note", 2000);
        if (body.Errors.Count > 0)
        {
            return Task.FromResult<Outcome<DocumentView>>(Problem.Invalid(body.Errors));
        }

        return MoveAsync(g, documentId, new Move(DocumentStatus.AwaitingReview, "graduate", note),
            d => [new Notice(g.Email, NotificationKind.DocumentInReview, g.Language, new NoticeModel(GraduateName: g.FullName, Document: d.Kind) { GraduateSex = NoticeModel.SexOf(g.Iin) })], language, cancellationToken);
    }

    /// <summary>A move that reloads and retries on a concurrent change (412), and refuses what the domain refuses (409).</summary>
    public async Task<Outcome<DocumentView>> MoveAsync(GraduateRecord g, string documentId, Move move, Func<DocumentRow, IReadOnlyList<Notice>> notices, Language language, CancellationToken cancellationToken, Func<DocumentRow, DocumentRow>? update = null)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var d = await data.DocumentAsync(g.Id, documentId, cancellationToken);
            if (d is null)
            {
                return Problem.NotFound;
            }

            var (result, refusal, _) = await transitions.ApplyAsync(g, d, [move], update, null, notices(d), cancellationToken);
            switch (result)
            {
                case MoveResult.Refused:
                    return DocumentTransitions.Refusal(refusal!);
                case MoveResult.Done:
                    return await ViewAsync(g, documentId, language, false, cancellationToken);
            }

            await Task.Delay(Random.Shared.Next(5, 40), cancellationToken);
        }

        return Graduates.Conflict;
    }

    private async Task CreateAsync(GraduateRecord g, string id, DocumentKind kind, string metadata, string actor, TableTransactionAction? extra, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var row = new DocumentRow(g.Id, id, kind, DocumentStatus.Received, false, metadata, null, null, null, [], [], now, now, 1, actor,
            EmployerEmail: kind == DocumentKind.EmploymentConfirmation ? DocumentMetadata.Read<EmploymentMeta>(metadata).EmployerEmail : null);
        var (noticeId, notice) = outbox.Row(g.Id, g.Email, NotificationKind.DocumentReceived, g.Language, new NoticeModel(GraduateName: g.FullName, Document: kind) { GraduateSex = NoticeModel.SexOf(g.Iin) });
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, GraduateStore.ToEntity(row)),
            new(TableTransactionActionType.Add, GraduateStore.HistoryEntity(g.Id, id, 0, new StatusChange(DocumentStatus.Received, now, actor, null))),
            notice,
        };
        if (extra is not null)
        {
            actions.Add(extra);
        }

        // The index first: a document it names but the partition lacks is harmless; the reverse would be unreachable.
        await DocumentIndex.AddAsync(storage, g.Id, id, cancellationToken);
        await ReceivedIndex.AddAsync(storage, g.Id, id, now, cancellationToken);
        await outbox.CommitAsync(g.Id, actions, [noticeId], cancellationToken);
    }

    private static (string? Json, IReadOnlyList<FieldError> Errors) ParseMetadata(DocumentKind kind, string? metadata)
    {
        if (string.IsNullOrWhiteSpace(metadata))
        {
            return (null, [new FieldError("metadata", "required", TextCatalog.Default.Text("problems.field.required-json", ("field", "'metadata'")))]);
        }

        try
        {
            using var doc = JsonDocument.Parse(metadata);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new JsonException();
            }

            return DocumentMetadata.Parse(kind, Fields.FromJson(doc.RootElement));
        }
        catch (JsonException)
        {
            return (null, [new FieldError("metadata", "invalid-json", TextCatalog.Default.Text("problems.field.not-json-object", ("field", "'metadata'")))]);
        }
    }

    public static DocumentView View(DocumentRow d, IReadOnlyList<StatusChange> history, Language language)
    {
        using var meta = JsonDocument.Parse(d.Metadata);
        return new DocumentView(
            d.Id, d.Kind, Names.Of(d.Kind).In(language), d.Status, Names.Of(d.Status).In(language), d.Contested, meta.RootElement.Clone(),
            d.Reasons.Select(r => new ReasonView(r.Code, r.Message.In(language), ReasonLaws.Of(r.Code)?.In(language))).ToList(),
            d.Warnings.Select(r => new ReasonView(r.Code, r.Message.In(language), ReasonLaws.Of(r.Code)?.In(language))).ToList(),
            d.DuplicateOf, d.ReceivedAt, d.UpdatedAt,
            history.Select(h => new HistoryView(h.Status, h.At, h.Actor, h.Reason)).ToList());
    }
}
