using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Http;

/// <summary>Anonymous routes for anyone: the enumerations the pages choose from, and the "will this job count?" pre-check.</summary>
public sealed class PublicFunctions(CheckWorkplace check, CheckRateLimit limit)
{
    [Function("GetEnumerations")]
    public IActionResult GetEnumerations([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/enumerations")] HttpRequest request)
    {
        request.HttpContext.Response.Headers.CacheControl = "public, max-age=3600";
        return ApiResults.Json(Enumerations.All);
    }

    [Function("CheckWorkplace")]
    public async Task<IActionResult> CheckWorkplace([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/check")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (limit.Admit(request) is { } refused)
        {
            return refused;
        }

        var (body, bad) = await RequestParsing.JsonAsync(request, cancellationToken);
        return bad ?? check.Run(body!, Problems.LanguageOf(request)).ToResult(request);
    }
}
