using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Otrabotka.Domain;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.Http.Contracts;
using Otrabotka.Functions.Http.OpenApi;
using Otrabotka.Functions.UseCases;
using Otrabotka.Functions.UseCases.OperatorDesk;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.Http;

/// <summary>Operators of the Financial Center: graduates by opaque id (the IIN travels only in bodies), review, default.</summary>
public sealed class OperatorFunctions(
    RequestParsing parse,
    OperatorAccess access,
    RegisterGraduate registerGraduate,
    SearchGraduates search,
    ReadObligation readObligation,
    ListDocuments listDocuments,
    SubmitDocument submitDocument,
    RecordExemption recordExemption,
    DeclareDefault declareDefault,
    ListReviewQueue listReviewQueue,
    ReadReviewDocument readReviewDocument,
    DecideReview decideReview,
    ListUnverifiedConfirmations listUnverified)
{
    [Function("RegisterGraduate")]
    [ApiOperation(ApiAudience.Operator, ApiAccess.Operator, "Register a graduate", "Registers a graduate as the university reports them. The same graduate sent again unchanged answers 200; changed, 409 with the existing graduateId.")]
    [ApiRequest(typeof(GraduateRegistration), Example = ApiExamples.Registration)]
    [ApiResponse(201, typeof(RegistrationResult), Location = true, Example = ApiExamples.Registered)]
    [ApiResponse(200, typeof(RegistrationResult), Description = "Already registered with the same data")]
    [ApiProblem(409)]
    public async Task<IActionResult> RegisterGraduate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/graduates")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (caller, failure) = await access.CallerAsync(request, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var (body, bad) = await RequestParsing.JsonAsync(request, cancellationToken);
        if (bad is not null)
        {
            return bad;
        }

        var outcome = await registerGraduate.RunAsync(body!, cancellationToken);
        if (outcome.Value is { } registered)
        {
            await access.RecordAsync(caller!, AuditActions.GraduateRegistered, registered.GraduateId, null, cancellationToken);
        }

        return outcome.ToResult(request, v => $"/api/graduates/{v.GraduateId}");
    }

    [Function("SearchGraduates")]
    [ApiOperation(ApiAudience.Operator, ApiAccess.Operator, "Search graduates", "By IIN (one graduate), or by name words (each the start of a word of the name; case and Kazakh letters folded), status, category and region, a page at a time, from the operators' index.")]
    [ApiRequest(typeof(GraduateSearch), Example = """{"iin":"900101300017"}""")]
    [ApiResponse(200, typeof(Paged<SearchHit>))]
    public async Task<IActionResult> SearchGraduates([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/graduates/search")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (caller, failure) = await access.CallerAsync(request, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var (body, bad) = await RequestParsing.JsonAsync(request, cancellationToken);
        if (bad is not null)
        {
            return bad;
        }

        var outcome = await search.RunAsync(body!, cancellationToken);
        if (outcome.Problem is null)
        {
            await access.RecordAsync(caller!, AuditActions.GraduatesSearched, null, null, cancellationToken);
        }

        return outcome.ToResult(request);
    }

    [Function("GetGraduate")]
    [ApiOperation(ApiAudience.Operator, ApiAccess.Operator, "Read a graduate", "A graduate's record by opaque id.")]
    [ApiResponse(200, typeof(GraduateView))]
    [ApiProblem(404)]
    public async Task<IActionResult> GetGraduate([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/graduates/{graduateId}")] HttpRequest request, string graduateId, CancellationToken cancellationToken)
    {
        var (g, failure) = await access.ReadGraduateAsync(request, graduateId, AuditActions.GraduateOpened, cancellationToken);
        return failure ?? Outcome<GraduateView>.Ok(GraduateView.Of(g!, Problems.LanguageOf(request))).ToResult(request);
    }

    [Function("GetGraduateObligation")]
    [ApiOperation(ApiAudience.Operator, ApiAccess.Operator, "Read a graduate's obligation ledger", "The ledger as the graduate sees it.")]
    [ApiResponse(200, typeof(ObligationView))]
    [ApiProblem(404)]
    public async Task<IActionResult> GetGraduateObligation([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/graduates/{graduateId}/obligation")] HttpRequest request, string graduateId, CancellationToken cancellationToken)
    {
        var (g, failure) = await access.ReadGraduateAsync(request, graduateId, AuditActions.ObligationRead, cancellationToken);
        return failure ?? (await readObligation.RunAsync(g!.Id, Problems.LanguageOf(request), cancellationToken)).ToResult(request);
    }

    [Function("GetGraduateDocuments")]
    [ApiOperation(ApiAudience.Operator, ApiAccess.Operator, "List a graduate's documents", "Every document of the graduate.")]
    [ApiResponse(200, typeof(IReadOnlyList<DocumentView>))]
    [ApiProblem(404)]
    public async Task<IActionResult> GetGraduateDocuments([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/graduates/{graduateId}/documents")] HttpRequest request, string graduateId, CancellationToken cancellationToken)
    {
        var (g, failure) = await access.ReadGraduateAsync(request, graduateId, AuditActions.DocumentsRead, cancellationToken);
        return failure ?? (await listDocuments.RunAsync(g!, Problems.LanguageOf(request), cancellationToken)).ToResult(request);
    }

    [Function("FileGraduateDocument")]
    [ApiOperation(ApiAudience.Operator, ApiAccess.Operator, "File a paper document for a graduate", "The same multipart upload as the graduate's, filed by an operator (e.g. a document brought on paper). Answers 202 with the review URL (Location).")]
    [ApiRequest(typeof(DocumentUploadForm), ContentType = MediaTypes.Multipart, Example = ApiExamples.Upload)]
    [ApiHeader("Idempotency-Key", "Makes a retried upload safe: the same key and request replay the first answer; the same key with another request is refused (422).")]
    [ApiResponse(202, typeof(SubmittedView), Location = true)]
    [ApiProblem(404, 422)]
    public async Task<IActionResult> FileGraduateDocument([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/graduates/{graduateId}/documents")] HttpRequest request, string graduateId, CancellationToken cancellationToken)
    {
        var (caller, g, failure) = await access.ChangeGraduateAsync(request, graduateId, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var (submission, bad) = await GraduateFunctions.ReadMultipartAsync(request, cancellationToken);
        if (bad is not null)
        {
            return bad;
        }

        var outcome = await submitDocument.RunAsync(g!.Id, Actor.Operator(caller!.Subject), submission!, request.Headers["Idempotency-Key"].FirstOrDefault(), "POST api/graduates/documents", cancellationToken);
        await RecordIfDoneAsync(caller!, outcome.Problem, AuditActions.DocumentFiled, g!.Id, outcome.Value?.Id, cancellationToken);
        return outcome.ToResult(request, v => $"/api/review/documents/{v.Id}");
    }

    [Function("RecordExemption")]
    [ApiOperation(ApiAudience.Operator, ApiAccess.Operator, "Record a commission's exemption", "An exemption decided by the commission, checked by the same rules and accepted at once.")]
    [ApiRequest(typeof(ExemptionMeta), Example = """{"ground":"disability-1-2","commissionDecisionDate":"2025-10-15","disabilityGroup":2}""")]
    [ApiResponse(201, typeof(DocumentView))]
    [ApiProblem(404, 409, 422)]
    public async Task<IActionResult> RecordExemption([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/graduates/{graduateId}/exemptions")] HttpRequest request, string graduateId, CancellationToken cancellationToken)
    {
        var (caller, g, failure) = await access.ChangeGraduateAsync(request, graduateId, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var (body, bad) = await RequestParsing.JsonAsync(request, cancellationToken);
        if (bad is not null)
        {
            return bad;
        }

        var outcome = await recordExemption.RunAsync(g!, Actor.Operator(caller!.Subject), body!, Problems.LanguageOf(request), cancellationToken);
        await RecordIfDoneAsync(caller!, outcome.Problem, AuditActions.ExemptionRecorded, g!.Id, outcome.Value?.Id, cancellationToken);
        return outcome.ToResult(request);
    }

    [Function("DeclareDefault")]
    [ApiOperation(ApiAudience.Operator, ApiAccess.Operator, "Declare default", "Fixes the amount owed as of a date (п.17-1); the graduate is told how it was computed.")]
    [ApiRequest(typeof(Contracts.DefaultDeclaration), Example = """{"asOf":"2026-01-15","note":"Жұмысқа орналаспады."}""")]
    [ApiResponse(200, typeof(ObligationView))]
    [ApiProblem(404, 409)]
    public async Task<IActionResult> DeclareDefault([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/graduates/{graduateId}/default")] HttpRequest request, string graduateId, CancellationToken cancellationToken)
    {
        var (caller, g, failure) = await access.ChangeGraduateAsync(request, graduateId, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var (body, bad) = await RequestParsing.JsonAsync(request, cancellationToken);
        if (bad is not null)
        {
            return bad;
        }

        var outcome = await declareDefault.RunAsync(g!, body!, Problems.LanguageOf(request), cancellationToken);
        await RecordIfDoneAsync(caller!, outcome.Problem, AuditActions.DefaultDeclared, g!.Id, null, cancellationToken);
        return outcome.ToResult(request);
    }

    [Function("ListReviewQueue")]
    [ApiOperation(ApiAudience.Operator, ApiAccess.Operator, "List documents awaiting review", "Oldest first, filtered by kind, category, region and days waiting, a page at a time.")]
    [ApiQuery(typeof(ReviewQueueQuery))]
    [ApiResponse(200, typeof(Paged<ReviewItem>))]
    [ApiResponse(200, typeof(Paged<UnverifiedConfirmation>), Description = "With check=employer-address-unverified: accepted confirmations from employer domains not yet verified")]
    [ApiProblem(400)]
    public async Task<IActionResult> ListReviewQueue([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/review/documents")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (await parse.OperatorAsync(request, cancellationToken) is { } failure)
        {
            return failure;
        }

        var query = RequestParsing.Query(request);
        if (query.Optional("check") == EmployerAddressChecks.Unverified)
        {
            // The operators' check list: accepted confirmations from employer domains not yet verified.
            return (await listUnverified.RunAsync(query.Optional("continuationToken"), cancellationToken)).ToResult(request);
        }

        return (await listReviewQueue.RunAsync(query, cancellationToken)).ToResult(request);
    }

    [Function("GetReviewDocument")]
    [ApiOperation(ApiAudience.Operator, ApiAccess.Operator, "Read a document for review", "The document with a short-lived link to read its file.")]
    [ApiResponse(200, typeof(ReviewDocumentView))]
    [ApiProblem(404)]
    public async Task<IActionResult> GetReviewDocument([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/review/documents/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (caller, failure) = await access.CallerAsync(request, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var outcome = await readReviewDocument.RunAsync(id, Problems.LanguageOf(request), cancellationToken);
        if (outcome.Problem is null)
        {
            // The preview (with its read link) is a read of personal data: recorded before it leaves.
            await access.RecordDocumentAsync(caller!, AuditActions.DocumentPreviewed, id, cancellationToken);
        }

        return outcome.ToResult(request);
    }

    [Function("DecideReview")]
    [ApiOperation(ApiAudience.Operator, ApiAccess.Operator, "Approve or reject a document", "The operator's verdict on a document awaiting review; a rejection needs a reason code.")]
    [ApiRequest(typeof(ReviewDecisionRequest), Example = """{"decision":"approve","note":"Келісімшарт тексерілді."}""")]
    [ApiResponse(200, typeof(DocumentView))]
    [ApiProblem(404, 409)]
    public async Task<IActionResult> DecideReview([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/review/documents/{id}/decision")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (caller, failure) = await access.CallerAsync(request, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var (body, bad) = await RequestParsing.JsonAsync(request, cancellationToken);
        if (bad is not null)
        {
            return bad;
        }

        var outcome = await decideReview.RunAsync(id, Actor.Operator(caller!.Subject), body!, Problems.LanguageOf(request), cancellationToken);
        if (outcome.Problem is null)
        {
            await access.RecordDocumentAsync(caller!, AuditActions.ReviewDecided, id, cancellationToken);
        }

        return outcome.ToResult(request);
    }

    /// <summary>Records a change in the audit trail once it succeeded (the caller is the operator already checked).</summary>
    private async Task RecordIfDoneAsync(Caller caller, Problem? problem, string action, string graduateId, string? documentId, CancellationToken cancellationToken)
    {
        if (problem is null)
        {
            await access.RecordAsync(caller, action, graduateId, documentId, cancellationToken);
        }
    }
}
