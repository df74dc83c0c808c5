using System.Security.Cryptography;
using System.Text.Json;
using Otrabotka.Domain;
using Otrabotka.Functions.Adapters;
using Otrabotka.Functions.Notifications;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.Texts;
using static Otrabotka.Functions.UseCases.DocumentMetadata;
using static Otrabotka.Functions.UseCases.DocumentViews;

namespace Otrabotka.Functions.UseCases;

/// <summary>A graduate (or an operator on their behalf) submits a document with its file in one multipart request.</summary>
public sealed class SubmitDocument(
    StorageClients storage,
    GraduateRepository repository,
    DocumentChanges changes,
    IdempotencyStore idempotency,
    DocumentValidator validate,
    EmployerMailQuota quota,
    TimeProvider time)
{
    /// <summary>Multipart submission: the file is validated in the request and the decided document committed at once (ADR 0017).</summary>
    public async Task<Outcome<SubmittedView>> RunAsync(string graduateId, Actor actor, DocumentSubmission submission, string? idempotencyKey, string route, CancellationToken cancellationToken)
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

        if (CountEmployerMail(unit, request) is { } limit)
        {
            return limit;
        }

        var document = Document.Receive(DocumentIndex.NewId(graduateId), request.Claim, time.GetUtcNow(), request.Actor);
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

    /// <summary>
    /// A graduate's employment confirmation e-mails its employer: counted against the daily limit (issue 11, M3) in
    /// the upload's own transaction, so the count costs no call of its own; past the limit nothing is written.
    /// </summary>
    private Problem? CountEmployerMail(GraduateUnit unit, Submission request)
    {
        if (request.Actor.Role != ActorRole.Graduate || request.Claim is not EmploymentClaim { EmployerEmail: { Length: > 0 } address })
        {
            return null;
        }

        var (decision, next) = quota.Decide(unit.EmployerMail, address, null);
        if (!decision.Allowed)
        {
            return Problem.EmployerMailLimit(decision.RetryAfter);
        }

        if (next is not null)
        {
            unit.CountEmployerMail(next);
        }

        return null;
    }

    private async Task DeleteFileAsync(DocumentFile file, CancellationToken cancellationToken)
    {
        if (file.Location is { } path && path.Split('/', 2) is [var container, var name])
        {
            await storage.Container(container).GetBlobClient(name).DeleteIfExistsAsync(cancellationToken: cancellationToken);
        }
    }

    private sealed record Submission(string GraduateId, Actor Actor, IDocumentClaim Claim, byte[] File, string? Key, string Route, string Hash);
}
