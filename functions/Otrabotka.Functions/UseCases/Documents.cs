using System.Security.Cryptography;
using System.Text.Json;
using Otrabotka.Domain;
using Otrabotka.Functions.Adapters;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.UseCases;

/// <summary>What graduates (and operators on their behalf) do with documents.</summary>
public sealed class Documents(
    StorageClients storage,
    GraduateRepository repository,
    DocumentChanges changes,
    IdempotencyStore idempotency,
    UploadLinks links,
    ValidateDocument validate,
    TimeProvider time)
{
    public static readonly TimeSpan UploadLinkLifetime = TimeSpan.FromMinutes(15);

    public static string StatusUrl(string documentId) => $"/api/me/documents/{documentId}";

    /// <summary>Multipart submission: the file is validated in the request and the decided document committed at once (ADR 0017).</summary>
    public async Task<Outcome<SubmittedView>> SubmitAsync(string graduateId, Actor actor, DocumentSubmission submission, string? idempotencyKey, string route, CancellationToken cancellationToken)
    {
        var fields = new Fields(new Dictionary<string, string?> { ["kind"] = submission.Kind });
        var kind = fields.Enum<DocumentKind>("kind");
        if (submission.File is null)
        {
            fields.Add("file", "required", TextCatalog.Default.Text("problems.field.required", ("field", "'file'")));
        }

        var parsed = fields.Errors.Count == 0 ? ParseMetadata(kind, submission.Metadata) : (null, fields.Errors);
        if (parsed.Claim is null)
        {
            return Problem.Invalid([.. fields.Errors, .. parsed.Errors]);
        }

        if (idempotencyKey is { Length: 0 or > 200 })
        {
            return new Problem(Refusal.Invalid, "idempotency-key-invalid", TextCatalog.Default.Text("problems.idempotency-key-invalid", ("header", "Idempotency-Key")));
        }

        var request = new Submission(graduateId, actor, parsed.Claim, submission.File!, idempotencyKey, route,
            IdempotencyStore.Hash(Wire.Name(kind), ClaimJson.Write(parsed.Claim), Convert.ToHexStringLower(SHA256.HashData(submission.File!))));

        // A concurrent request with the same key that commits first is answered as it was, on the next attempt.
        return await RetryPolicy.RunAsync(token => SubmitOnceAsync(request, token), () => Problem.ConcurrentUpdate, cancellationToken);
    }

    /// <summary>Direct-to-blob: records the document and hands out a create-only link to its one server-named blob, valid 15 minutes.</summary>
    public async Task<Outcome<UploadView>> CreateUploadAsync(GraduateRecord graduate, Fields body, CancellationToken cancellationToken)
    {
        var kind = body.Enum<DocumentKind>("kind");
        if (body.Errors.Count > 0)
        {
            return Problem.Invalid(body.Errors);
        }

        var parsed = ParseMetadata(kind, body.Optional("metadata", 16 * 1024));
        if (parsed.Claim is null)
        {
            return Problem.Invalid(parsed.Errors);
        }

        var unit = GraduateUnit.Starting(graduate);
        var document = Document.Receive(GraduateStore.NewId('d'), parsed.Claim, time.GetUtcNow(), Actor.Graduate);
        unit.Add(document);
        await changes.CommitAsync(unit, cancellationToken);
        var link = await links.CreateOnlyAsync(IntakeBlob(graduate.Id, document.Id), UploadLinkLifetime, cancellationToken);
        return Outcome<UploadView>.Created(new UploadView(document.Id, link.Url, link.ExpiresAt, StatusUrl(document.Id)));
    }

    /// <summary>Starts validation at once after a direct upload, instead of waiting for the blob trigger.</summary>
    public async Task<Outcome<DocumentView>> CompleteAsync(GraduateRecord graduate, string documentId, Language language, CancellationToken cancellationToken)
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

    public async Task<Outcome<IReadOnlyList<DocumentView>>> ListAsync(GraduateRecord graduate, Language language, CancellationToken cancellationToken)
    {
        var unit = await repository.LoadAsync(graduate.Id, cancellationToken);
        var documents = unit?.Documents ?? [];
        return Outcome<IReadOnlyList<DocumentView>>.Ok(documents.OrderByDescending(d => d.ReceivedAt).Select(d => View(d, [], language)).ToList());
    }

    public async Task<Outcome<DocumentView>> ViewAsync(string graduateId, string documentId, Language language, bool withReadUrl, CancellationToken cancellationToken, bool forOperator = false)
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

    public Task<Outcome<DocumentView>> ViewAsync(GraduateRecord graduate, string documentId, Language language, bool withReadUrl, CancellationToken cancellationToken) =>
        ViewAsync(graduate.Id, documentId, language, withReadUrl, cancellationToken);

    public Task<Outcome<DocumentView>> WithdrawAsync(GraduateRecord graduate, string documentId, Language language, CancellationToken cancellationToken) =>
        MoveAsync(graduate.Id, documentId, document => document.Withdraw(time.GetUtcNow()), language, false, cancellationToken);

    public Task<Outcome<DocumentView>> ContestAsync(GraduateRecord graduate, string documentId, Fields body, Language language, CancellationToken cancellationToken)
    {
        var note = body.Required("note", 2000);
        if (body.Errors.Count > 0)
        {
            return Task.FromResult<Outcome<DocumentView>>(Problem.Invalid(body.Errors));
        }

        return MoveAsync(graduate.Id, documentId, document => document.Contest(time.GetUtcNow(), note), language, false, cancellationToken);
    }

    /// <summary>A move the document itself decides (a refusal is a conflict), committed; reloaded and retried on a concurrent change.</summary>
    public Task<Outcome<DocumentView>> MoveAsync(string graduateId, string documentId, Func<Document, Reason?> move, Language language, bool forOperator, CancellationToken cancellationToken) =>
        MoveAsync(graduateId, documentId, (document, _) => Task.FromResult(move(document)), language, forOperator, cancellationToken);

    /// <summary>As above, for a move that must first learn something (e.g. the file's malware verdict).</summary>
    public Task<Outcome<DocumentView>> MoveAsync(
        string graduateId, string documentId, Func<Document, CancellationToken, Task<Reason?>> move, Language language, bool forOperator, CancellationToken cancellationToken) =>
        RetryPolicy.RunAsync(
            async token =>
            {
                var unit = await repository.LoadAsync(graduateId, token);
                if (unit?.Find(documentId) is not { } document)
                {
                    return Problem.NotFound;
                }

                if (await move(document, token) is { } refusal)
                {
                    return Problem.Refused(refusal);
                }

                await changes.CommitAsync(unit, token);
                return Outcome<DocumentView>.Ok(View(document, await repository.HistoryAsync(graduateId, documentId, token), language, forOperator));
            },
            () => Problem.ConcurrentUpdate,
            cancellationToken);

    public static DocumentView View(Document document, IReadOnlyList<StatusChange> history, Language language, bool forOperator = false) => new(
        document.Id, document.Kind, Names.Of(document.Kind).In(language), document.Status, Names.Of(document.Status).In(language), document.Contested,
        ClaimJson.Element(document.Claim),
        document.Reasons.Select(reason => ReasonView(reason, language)).ToList(),
        document.Warnings.Select(warning => ReasonView(warning, language)).ToList(),
        document.File.DuplicateOf, document.ReceivedAt, document.UpdatedAt,
        history.Select(h => new HistoryView(h.Status, h.At, h.Actor, h.Reason, forOperator ? h.ActorId : null)).ToList(),
        RejectionNote: RejectionNote(document, language));

    /// <summary>The rejecting note as the rejection e-mail shows it ("Operator's comment: …"), while the document stays rejected.</summary>
    private static string? RejectionNote(Document document, Language language) => document is { Status: DocumentStatus.Rejected, Note: { } note, NoteBy: { } by }
        ? TextCatalog.Default.Format(by == ActorRole.Employer ? "mail.document-rejected.employer-note" : "mail.document-rejected.operator-note", language, ("note", note))
        : null;

    private static ReasonView ReasonView(Reason reason, Language language) =>
        new(reason.Code, reason.Message.In(language), ReasonLaws.Of(reason.Code)?.In(language));

    private async Task<Outcome<SubmittedView>> SubmitOnceAsync(Submission request, CancellationToken cancellationToken)
    {
        var graduateId = request.GraduateId;
        var check = request.Key is null ? new IdempotencyCheck(null, false) : await idempotency.CheckAsync(graduateId, request.Route, request.Key, request.Hash, cancellationToken);
        if (check.Reused)
        {
            return new Problem(Refusal.Unprocessable, "idempotency-key-reused", TextCatalog.Default.Text("problems.idempotency-key-reused", ("header", "Idempotency-Key")));
        }

        if (check.Replay is { } replay)
        {
            return new Outcome<SubmittedView>(JsonSerializer.Deserialize<SubmittedView>(replay.Body, Json.Options)!, null, Wire.TryParse<Success>(replay.Outcome, out var kind) ? kind : Success.Accepted);
        }

        // Validated here, on the bytes the request holds (ADR 0017): the file is written once, to its final
        // container, before the commit, so no answer (first or replayed) can promise a document whose file is
        // missing; "received → validating → decided" commits in one transaction with its history, e-mails,
        // stored answer and index rows. A file without a document (a lost race) is deleted here.
        if (await repository.LoadAsync(graduateId, cancellationToken) is not { } unit)
        {
            // The IIN index names an id whose profile was never written (the caller's id comes from the index alone).
            return new Problem(Refusal.NotFound, "graduate-not-registered", TextCatalog.Default.Text("problems.graduate-not-registered"));
        }

        var document = Document.Receive(GraduateStore.NewId('d'), request.Claim, time.GetUtcNow(), request.Actor);
        unit.Add(document);
        await validate.DecideInlineAsync(unit, document, request.File, cancellationToken);
        var view = new SubmittedView(document.Id, document.Status, StatusUrl(document.Id));
        var answer = request.Key is null ? null
            : new IdempotencyRecord(request.Route, request.Key, request.Hash, new StoredAnswer(Wire.Name(Success.Accepted), JsonSerializer.Serialize(view, Json.Options), view.StatusUrl), time.GetUtcNow(), check.Expired);
        try
        {
            await changes.CommitAsync(unit, [], answer, cancellationToken);
        }
        catch (ConcurrentChangeException)
        {
            // A concurrent change (or request with the same key) committed first: the next attempt starts again.
            await DeleteFileAsync(document.File, cancellationToken);
            throw;
        }

        return Outcome<SubmittedView>.Accepted(view);
    }

    private async Task DeleteFileAsync(DocumentFile file, CancellationToken cancellationToken)
    {
        if (file.Location is { } path && path.Split('/', 2) is [var container, var name])
        {
            await storage.Container(container).GetBlobClient(name).DeleteIfExistsAsync(cancellationToken: cancellationToken);
        }
    }

    private Azure.Storage.Blobs.BlobClient IntakeBlob(string graduateId, string documentId) =>
        storage.Container(StorageNames.IntakeContainer).GetBlobClient(ValidateDocument.BlobName(graduateId, documentId));

    private static (IDocumentClaim? Claim, IReadOnlyList<FieldError> Errors) ParseMetadata(DocumentKind kind, string? metadata)
    {
        if (string.IsNullOrWhiteSpace(metadata))
        {
            return (null, [new FieldError("metadata", "required", TextCatalog.Default.Text("problems.field.required-json", ("field", "'metadata'")))]);
        }

        try
        {
            using var json = JsonDocument.Parse(metadata);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new JsonException();
            }

            return ClaimFields.Parse(kind, Fields.FromJson(json.RootElement));
        }
        catch (JsonException)
        {
            return (null, [new FieldError("metadata", "invalid-json", TextCatalog.Default.Text("problems.field.not-json-object", ("field", "'metadata'")))]);
        }
    }

    private sealed record Submission(string GraduateId, Actor Actor, IDocumentClaim Claim, byte[] File, string? Key, string Route, string Hash);
}
