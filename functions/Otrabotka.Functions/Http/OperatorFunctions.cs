using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Otrabotka.Domain;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.Http;

/// <summary>Operators of the Financial Center: graduates by opaque id (the IIN travels only in bodies), review, default.</summary>
public sealed class OperatorFunctions(RequestParsing parse, Graduates graduates, Obligations obligations, Documents documents, Operators operators, Reviews reviews, EmployerAddressChecks checks, EmployerDomains domains)
{
    [Function("RegisterGraduate")]
    public async Task<IActionResult> RegisterGraduate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/graduates")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (await parse.OperatorAsync(request, cancellationToken) is { } failure)
        {
            return failure;
        }

        var (body, bad) = await RequestParsing.JsonAsync(request, cancellationToken);
        return bad ?? (await graduates.RegisterAsync(body!, cancellationToken)).ToResult(request, v => $"/api/graduates/{v.GraduateId}");
    }

    [Function("ImportGraduates")]
    public async Task<IActionResult> ImportGraduates([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/graduates/import")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (await parse.OperatorAsync(request, cancellationToken) is { } failure)
        {
            return failure;
        }

        if (request.ContentType is not { } type || !type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Create(request, new Problem(415, "unsupported-media-type", TextCatalog.Default.Text("problems.unsupported-media-type", ("mediaType", "text/csv"))));
        }

        return (await operators.ImportAsync(request.Body, Problems.LanguageOf(request), cancellationToken)).ToResult(request);
    }

    [Function("SearchGraduates")]
    public async Task<IActionResult> SearchGraduates([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/graduates/search")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (await parse.OperatorAsync(request, cancellationToken) is { } failure)
        {
            return failure;
        }

        var (body, bad) = await RequestParsing.JsonAsync(request, cancellationToken);
        return bad ?? (await operators.SearchAsync(body!, cancellationToken)).ToResult(request);
    }

    [Function("GetGraduate")]
    public async Task<IActionResult> GetGraduate([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/graduates/{graduateId}")] HttpRequest request, string graduateId, CancellationToken cancellationToken)
    {
        var (g, failure) = await parse.OperatorOnGraduateAsync(request, graduateId, cancellationToken);
        return failure ?? Outcome<GraduateView>.Ok(GraduateView.Of(g!, Problems.LanguageOf(request))).ToResult(request);
    }

    [Function("GetGraduateObligation")]
    public async Task<IActionResult> GetGraduateObligation([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/graduates/{graduateId}/obligation")] HttpRequest request, string graduateId, CancellationToken cancellationToken)
    {
        var (g, failure) = await parse.OperatorOnGraduateAsync(request, graduateId, cancellationToken);
        return failure ?? (await obligations.ForIdAsync(g!.Id, Problems.LanguageOf(request), cancellationToken)).ToResult(request);
    }

    [Function("GetGraduateDocuments")]
    public async Task<IActionResult> GetGraduateDocuments([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/graduates/{graduateId}/documents")] HttpRequest request, string graduateId, CancellationToken cancellationToken)
    {
        var (g, failure) = await parse.OperatorOnGraduateAsync(request, graduateId, cancellationToken);
        return failure ?? (await documents.ListAsync(g!, Problems.LanguageOf(request), cancellationToken)).ToResult(request);
    }

    [Function("FileGraduateDocument")]
    public async Task<IActionResult> FileGraduateDocument([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/graduates/{graduateId}/documents")] HttpRequest request, string graduateId, CancellationToken cancellationToken)
    {
        var (g, failure) = await parse.OperatorOnGraduateAsync(request, graduateId, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var (submission, bad) = await GraduateFunctions.ReadMultipartAsync(request, cancellationToken);
        return bad ?? (await documents.SubmitAsync(g!, "operator", submission!, request.Headers["Idempotency-Key"].FirstOrDefault(), "POST api/graduates/documents", cancellationToken))
            .ToResult(request, v => $"/api/review/documents/{v.Id}");
    }

    [Function("RecordExemption")]
    public async Task<IActionResult> RecordExemption([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/graduates/{graduateId}/exemptions")] HttpRequest request, string graduateId, CancellationToken cancellationToken)
    {
        var (g, failure) = await parse.OperatorOnGraduateAsync(request, graduateId, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var (body, bad) = await RequestParsing.JsonAsync(request, cancellationToken);
        return bad ?? (await operators.RecordExemptionAsync(g!, body!, Problems.LanguageOf(request), cancellationToken)).ToResult(request);
    }

    [Function("DeclareDefault")]
    public async Task<IActionResult> DeclareDefault([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/graduates/{graduateId}/default")] HttpRequest request, string graduateId, CancellationToken cancellationToken)
    {
        var (g, failure) = await parse.OperatorOnGraduateAsync(request, graduateId, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var (body, bad) = await RequestParsing.JsonAsync(request, cancellationToken);
        return bad ?? (await operators.DeclareDefaultAsync(g!, body!, Problems.LanguageOf(request), cancellationToken)).ToResult(request);
    }

    [Function("ListReviewQueue")]
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
            var (items, next, problem) = await domains.FlaggedPageAsync(query.Optional("continuationToken"), cancellationToken);
            return problem is not null ? Problems.Create(request, problem) : ApiResults.Json(new Paged<UnverifiedConfirmation>(items!, next), 200);
        }

        return (await reviews.QueueAsync(query, cancellationToken)).ToResult(request);
    }

    [Function("GetReviewDocument")]
    public async Task<IActionResult> GetReviewDocument([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/review/documents/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        if (await parse.OperatorAsync(request, cancellationToken) is { } failure)
        {
            return failure;
        }

        var language = Problems.LanguageOf(request);
        var outcome = await reviews.GetAsync(id, language, cancellationToken);
        return outcome.Problem is null ? await WithChecksAsync(outcome.Value!, id, language, cancellationToken) : outcome.ToResult(request);
    }

    [Function("DecideReview")]
    public async Task<IActionResult> DecideReview([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/review/documents/{id}/decision")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        if (await parse.OperatorAsync(request, cancellationToken) is { } failure)
        {
            return failure;
        }

        var (body, bad) = await RequestParsing.JsonAsync(request, cancellationToken);
        if (bad is not null)
        {
            return bad;
        }

        var language = Problems.LanguageOf(request);
        var approve = body!.Optional("decision") == "approve";
        if (approve && await checks.ApproveFlaggedAsync(id, cancellationToken))
        {
            // An accepted confirmation on the check list: approving it verifies the employer's domain.
            return (await reviews.GetAsync(id, language, cancellationToken)).ToResult(request);
        }

        var outcome = await reviews.DecideAsync(id, body, language, cancellationToken);
        if (approve && outcome.Problem is null)
        {
            await checks.OnOperatorApprovedAsync(id, cancellationToken);
        }

        return outcome.ToResult(request);
    }

    /// <summary>The operator's view of a document with what was and was not verified (e.g. employer-address-unverified).</summary>
    private async Task<IActionResult> WithChecksAsync(DocumentView view, string id, Language language, CancellationToken cancellationToken)
    {
        var node = System.Text.Json.JsonSerializer.SerializeToNode(view, Json.Options)!.AsObject();
        var list = await checks.ChecksAsync(id, cancellationToken);
        node["checks"] = new System.Text.Json.Nodes.JsonArray(list.Select(c => (System.Text.Json.Nodes.JsonNode)new System.Text.Json.Nodes.JsonObject
        {
            ["code"] = c.Code,
            ["verified"] = c.Verified,
            ["detail"] = c.Detail.In(language),
        }).ToArray());
        return ApiResults.Json(node, 200);
    }
}
