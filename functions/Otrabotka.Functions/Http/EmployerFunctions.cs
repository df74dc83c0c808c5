using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Otrabotka.Functions.Http.Contracts;
using Otrabotka.Functions.Http.OpenApi;
using Otrabotka.Functions.Pages;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Http;

/// <summary>Employers have no account: the signed link's token is the only credential, read from the URL fragment by the page.</summary>
public sealed class EmployerFunctions(ShowEmployerLink showEmployerLink, DecideEmployment decideEmployment, PageResponses pages)
{
    [Function("ConfirmPage")]
    [ApiOperation(ApiAudience.Employer, ApiAccess.Anonymous, "The employer's confirmation page", "An HTML page in Kazakh and Russian; it reads the token from the URL fragment (#t=…) and calls the two confirmation operations.")]
    [ApiResponse(200, typeof(string), ContentType = MediaTypes.Html, Description = "The page")]
    public IActionResult ConfirmPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "confirm")] HttpRequest request)
    {
        return pages.Html(request, ConfirmationPage.File);
    }

    [Function("ViewConfirmation")]
    [ApiOperation(ApiAudience.Employer, ApiAccess.Anonymous, "Read what is to be confirmed", "The hire the signed link asks the employer to confirm. Viewing never uses the token up (mail scanners open links).")]
    [ApiRequest(typeof(ConfirmationTokenRequest), Example = """{"token":"(the token from the link's #t=)"}""")]
    [ApiResponse(200, typeof(ConfirmationView))]
    [ApiProblem(404, 409, 410)]
    public async Task<IActionResult> ViewConfirmation([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/confirmations/view")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (body, bad) = await RequestParsing.JsonAsync(request, cancellationToken);
        return bad ?? (await showEmployerLink.RunAsync(body!.Optional("token"), Problems.LanguageOf(request), cancellationToken)).ToResult(request);
    }

    [Function("DecideConfirmation")]
    [ApiOperation(ApiAudience.Employer, ApiAccess.Anonymous, "Confirm or decline a hire", "The employer's answer; the token is used once. An employer at a public mail service cannot confirm alone: the answer goes to an operator's review.")]
    [ApiRequest(typeof(ConfirmationDecisionRequest), Example = ApiExamples.ConfirmationDecision)]
    [ApiResponse(200, typeof(ConfirmationResult))]
    [ApiProblem(404, 409, 410)]
    public async Task<IActionResult> DecideConfirmation([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/confirmations/decision")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (body, bad) = await RequestParsing.JsonAsync(request, cancellationToken);
        return bad ?? (await decideEmployment.RunAsync(body!, Problems.LanguageOf(request), cancellationToken)).ToResult(request);
    }
}
