using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Otrabotka.Functions.UseCases;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.Http;

/// <summary>Operators of the Financial Center: graduates by opaque id (the IIN travels only in bodies), review, default.</summary>
public sealed class OperatorFunctions(RequestParsing parse, Graduates graduates, Obligations obligations, Documents documents, Operators operators, Reviews reviews)
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

        return (await reviews.QueueAsync(RequestParsing.Query(request), cancellationToken)).ToResult(request);
    }

    [Function("GetReviewDocument")]
    public async Task<IActionResult> GetReviewDocument([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/review/documents/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        if (await parse.OperatorAsync(request, cancellationToken) is { } failure)
        {
            return failure;
        }

        return (await reviews.GetAsync(id, Problems.LanguageOf(request), cancellationToken)).ToResult(request);
    }

    [Function("DecideReview")]
    public async Task<IActionResult> DecideReview([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/review/documents/{id}/decision")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        if (await parse.OperatorAsync(request, cancellationToken) is { } failure)
        {
            return failure;
        }

        var (body, bad) = await RequestParsing.JsonAsync(request, cancellationToken);
        return bad ?? (await reviews.DecideAsync(id, body!, Problems.LanguageOf(request), cancellationToken)).ToResult(request);
    }
}
