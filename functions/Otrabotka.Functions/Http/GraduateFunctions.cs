using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Otrabotka.Domain;
using Otrabotka.Functions.Configuration;
using Otrabotka.Functions.Http.Contracts;
using Otrabotka.Functions.Http.OpenApi;
using Otrabotka.Functions.UseCases;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.Http;

/// <summary>Graduates act on their own data under /api/me: the IIN comes from the token, never the route.</summary>
public sealed class GraduateFunctions(
    RequestParsing parse,
    UpdateContact updateContact,
    ReadObligation readObligation,
    SubmitDocument submitDocument,
    CreateUploadLink createUploadLink,
    CompleteUpload completeUpload,
    ListDocuments listDocuments,
    ReadDocument readDocument,
    WithdrawDocument withdrawDocument,
    ContestDecision contestDecision,
    ReissueEmployerLink reissueEmployerLink,
    EmployerMailLimit mailLimit)
{
    public const long MaxUploadBytes = FileRules.MaxBytes;

    [Function("GetMe")]
    [ApiOperation(ApiAudience.Graduate, ApiAccess.Graduate, "Read my profile", "The graduate's own record: identity, contact, category and the obligation's terms.")]
    [ApiResponse(200, typeof(GraduateView))]
    public async Task<IActionResult> GetMe([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/me")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (graduate, failure) = await parse.GraduateAsync(request, cancellationToken);
        return failure ?? Outcome<GraduateView>.Ok(GraduateView.Of(graduate!, Problems.LanguageOf(request))).ToResult(request);
    }

    [Function("PatchMe")]
    [ApiOperation(ApiAudience.Graduate, ApiAccess.Graduate, "Change my e-mail or language", "Updates the graduate's contact e-mail and preferred language; absent fields stay. Also accepts application/merge-patch+json.")]
    [ApiRequest(typeof(ContactUpdate), Example = """{"email":"aigerim@example.kz","language":"ru"}""")]
    [ApiResponse(200, typeof(GraduateView))]
    [ApiProblem(409)]
    public async Task<IActionResult> PatchMe([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "api/me")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (graduate, failure) = await parse.GraduateAsync(request, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var (body, bad) = await RequestParsing.JsonAsync(request, cancellationToken);
        return bad ?? (await updateContact.RunAsync(graduate!.Iin, body!, Problems.LanguageOf(request), cancellationToken)).ToResult(request);
    }

    [Function("GetMyObligation")]
    [ApiOperation(ApiAudience.Graduate, ApiAccess.Graduate, "Read my obligation ledger", "Days required, credited, paused and remaining, the projected completion and what would be owed if work stopped today, as of the Almaty date.")]
    [ApiResponse(200, typeof(ObligationView))]
    public async Task<IActionResult> GetMyObligation([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/me/obligation")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (graduate, failure) = await parse.GraduateAsync(request, cancellationToken);
        return failure ?? (await readObligation.RunAsync(graduate!.Id, Problems.LanguageOf(request), cancellationToken)).ToResult(request);
    }

    [Function("SubmitMyDocument")]
    [ApiOperation(ApiAudience.Graduate, ApiAccess.Graduate, "Upload a document", "Multipart upload of an employment confirmation, an employment end, an exemption proof, a deferral proof or an unemployment registration, with its metadata. Answers 202 with the document's status URL (Location); validation runs in the background and an employment confirmation then waits for the employer. A repeated Idempotency-Key replays the first answer.")]
    [ApiRequest(typeof(DocumentUploadForm), ContentType = MediaTypes.Multipart, Example = ApiExamples.Upload)]
    [ApiHeader("Idempotency-Key", "Makes a retried upload safe: the same key and request replay the first answer; the same key with another request is refused (422).")]
    [ApiResponse(202, typeof(SubmittedView), Location = true, Example = ApiExamples.Submitted)]
    [ApiProblem(422, 429)]
    public async Task<IActionResult> SubmitMyDocument([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/me/documents")] HttpRequest request, CancellationToken cancellationToken)
    {
        // The id only: the use case reads the profile with the graduate's live rows (one read, not two).
        var (graduateId, failure) = await parse.GraduateIdAsync(request, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        // The employer-mail limit is counted by the use case, in the upload's own transaction.
        var (submission, bad) = await ReadMultipartAsync(request, cancellationToken);
        return bad ?? (await submitDocument.RunAsync(graduateId!, Domain.Actor.Graduate, submission!, request.Headers["Idempotency-Key"].FirstOrDefault(), "POST api/me/documents", cancellationToken))
            .ToResult(request, v => v.StatusUrl);
    }

    [Function("CreateMyUpload")]
    [ApiOperation(ApiAudience.Graduate, ApiAccess.Graduate, "Start a direct upload", "Records the document and answers a create-only storage link (valid 15 minutes) to PUT the file to; then call complete.")]
    [ApiRequest(typeof(UploadRequest), Example = ApiExamples.DirectUpload)]
    [ApiResponse(201, typeof(UploadView), Location = true)]
    public async Task<IActionResult> CreateMyUpload([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/me/documents/uploads")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (graduate, failure) = await parse.GraduateAsync(request, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var (body, bad) = await RequestParsing.JsonAsync(request, cancellationToken);
        bad ??= await mailLimit.ForUploadAsync(request, graduate!.Id, body!.Optional("kind", int.MaxValue), body.Structured("metadata", int.MaxValue), cancellationToken);
        return bad ?? (await createUploadLink.RunAsync(graduate!, body!, cancellationToken)).ToResult(request, v => v.StatusUrl);
    }

    [Function("CompleteMyUpload")]
    [ApiOperation(ApiAudience.Graduate, ApiAccess.Graduate, "Complete a direct upload", "Validates the file put to the upload link at once, instead of waiting for the storage trigger.")]
    [ApiResponse(200, typeof(DocumentView))]
    [ApiProblem(409, 429)]
    public async Task<IActionResult> CompleteMyUpload([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/me/documents/{id}/complete")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (graduate, failure) = await parse.GraduateAsync(request, cancellationToken);
        return failure ?? (await completeUpload.RunAsync(graduate!, id, Problems.LanguageOf(request), cancellationToken)).ToResult(request);
    }

    [Function("ListMyDocuments")]
    [ApiOperation(ApiAudience.Graduate, ApiAccess.Graduate, "List my documents", "Every document the graduate (or an operator for them) submitted, with status, reasons and history.")]
    [ApiResponse(200, typeof(IReadOnlyList<DocumentView>))]
    public async Task<IActionResult> ListMyDocuments([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/me/documents")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (graduate, failure) = await parse.GraduateAsync(request, cancellationToken);
        return failure ?? (await listDocuments.RunAsync(graduate!, Problems.LanguageOf(request), cancellationToken)).ToResult(request);
    }

    [Function("GetMyDocument")]
    [ApiOperation(ApiAudience.Graduate, ApiAccess.Graduate, "Read one of my documents", "The document's status, metadata, reasons, warnings and history.")]
    [ApiResponse(200, typeof(DocumentView))]
    public async Task<IActionResult> GetMyDocument([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/me/documents/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (graduate, failure) = await parse.GraduateAsync(request, cancellationToken);
        return failure ?? (await readDocument.RunAsync(graduate!.Id, id, Problems.LanguageOf(request), false, cancellationToken)).ToResult(request);
    }

    [Function("WithdrawMyDocument")]
    [ApiOperation(ApiAudience.Graduate, ApiAccess.Graduate, "Withdraw a document", "Withdraws a document not yet decided.")]
    [ApiResponse(200, typeof(DocumentView))]
    [ApiProblem(409)]
    public async Task<IActionResult> WithdrawMyDocument([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/me/documents/{id}/withdraw")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (graduate, failure) = await parse.GraduateAsync(request, cancellationToken);
        return failure ?? (await withdrawDocument.RunAsync(graduate!, id, Problems.LanguageOf(request), cancellationToken)).ToResult(request);
    }

    [Function("ContestMyDocument")]
    [ApiOperation(ApiAudience.Graduate, ApiAccess.Graduate, "Contest a refusal", "Sends a rejected document to an operator's review with the graduate's note.")]
    [ApiRequest(typeof(ContestRequest), Example = """{"note":"Келісімшарт қоса берілген."}""")]
    [ApiResponse(200, typeof(DocumentView))]
    [ApiProblem(409)]
    public async Task<IActionResult> ContestMyDocument([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/me/documents/{id}/contest")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (graduate, failure) = await parse.GraduateAsync(request, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var (body, bad) = await RequestParsing.JsonAsync(request, cancellationToken);
        return bad ?? (await contestDecision.RunAsync(graduate!, id, body!, Problems.LanguageOf(request), cancellationToken)).ToResult(request);
    }

    [Function("ReissueMyEmployerLink")]
    [ApiOperation(ApiAudience.Graduate, ApiAccess.Graduate, "Send the employer a new link", "Voids the employer's link and e-mails a new one (14 days) for a document awaiting the employer.")]
    [ApiResponse(200, typeof(ConfirmationResult))]
    [ApiProblem(409, 429)]
    public async Task<IActionResult> ReissueMyEmployerLink([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/me/documents/{id}/employer-link")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (graduate, failure) = await parse.GraduateAsync(request, cancellationToken);
        failure ??= await mailLimit.ForReissueAsync(request, graduate!, id, cancellationToken);
        return failure ?? (await reissueEmployerLink.RunAsync(graduate!, id, Problems.LanguageOf(request), cancellationToken)).ToResult(request);
    }

    /// <summary>Multipart kind + metadata + file; the file's size is checked before it is read.</summary>
    public static async Task<(DocumentSubmission? Submission, IActionResult? Failure)> ReadMultipartAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return (null, Problems.Create(request, new Problem(Refusal.UnsupportedMediaType, "unsupported-media-type", TextCatalog.Default.Text("problems.unsupported-media-type", ("mediaType", "multipart/form-data")))));
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Past the server's request size limit (Kestrel's 30 MB): the file is too large, the form is not broken.
            return (null, Problems.Create(request, new Problem(Refusal.TooLarge, FileRules.TooLarge.Code, FileRules.TooLarge.Message)));
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            return (null, Problems.Create(request, new Problem(Refusal.Invalid, "invalid-multipart", TextCatalog.Default.Text("problems.invalid-multipart", ("mediaType", "multipart/form-data")))));
        }

        // Two files, kinds or metadata in one upload are ambiguous: taking the first would drop what the sender meant.
        var repeated = new[] { "kind", "metadata" }.Where(name => form[name].Count > 1).Append(form.Files.GetFiles("file").Count > 1 ? "file" : null).OfType<string>()
            .Select(name => new FieldError(name, "field-repeated", TextCatalog.Default.Text("problems.field.repeated", ("field", $"'{name}'")))).ToList();
        if (repeated.Count > 0)
        {
            return (null, Problems.Create(request, Problem.Invalid(repeated)));
        }

        var file = form.Files.GetFile("file");
        if (file is { Length: > MaxUploadBytes })
        {
            return (null, Problems.Create(request, new Problem(Refusal.TooLarge, FileRules.TooLarge.Code, FileRules.TooLarge.Message)));
        }

        byte[]? bytes = null;
        if (file is not null)
        {
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, cancellationToken);
            bytes = buffer.ToArray();
        }

        return (new DocumentSubmission(form["kind"].FirstOrDefault(), form["metadata"].FirstOrDefault(), bytes), null);
    }
}
