using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Otrabotka.Functions.Http.Contracts;
using Otrabotka.Functions.Http.OpenApi;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Http;

/// <summary>Anonymous routes for anyone: the enumerations the pages choose from, and the "will this job count?" pre-check.</summary>
public sealed class PublicFunctions(CheckWorkplace check, CheckRateLimit limit)
{
    [Function("GetEnumerations")]
    [ApiOperation(ApiAudience.Public, ApiAccess.Anonymous, "The enumerations", "Every category, level, specialty group, organisation kind, ownership, region and settlement type with its wire value and its kk/ru/en name, for forms.")]
    [ApiResponse(200, typeof(EnumerationsView))]
    public IActionResult GetEnumerations([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/enumerations")] HttpRequest request)
    {
        request.HttpContext.Response.Headers.CacheControl = "public, max-age=3600";
        return ApiResults.Json(Enumerations.All);
    }

    [Function("CheckWorkplace")]
    [ApiOperation(ApiAudience.Public, ApiAccess.Anonymous, "Will this job count?", "Judges a workplace for a category, level and specialty group by the rules, with every reason and warning in the caller's language and the law's point. Rate-limited per client address; no personal data.")]
    [ApiRequest(typeof(WorkplaceCheckRequest))]
    [ApiResponse(200, typeof(CheckView))]
    [ApiProblem(400, 429)]
    public async Task<IActionResult> CheckWorkplace([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/check")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (limit.Admit(request) is { } refused)
        {
            return refused;
        }

        var (body, bad) = await RequestParsing.JsonAsync(request, cancellationToken);
        return bad ?? (await check.RunAsync(body!, Problems.LanguageOf(request), cancellationToken)).ToResult(request);
    }
}
