using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Otrabotka.Functions.Pages;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Http;

/// <summary>Employers have no account: the signed link's token is the only credential, read from the URL fragment by the page.</summary>
public sealed class EmployerFunctions(Confirmations confirmations, PageResponses pages)
{
    [Function("ConfirmPage")]
    public IActionResult ConfirmPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "confirm")] HttpRequest request)
    {
        return pages.Html(request, ConfirmationPage.File);
    }

    [Function("ViewConfirmation")]
    public async Task<IActionResult> ViewConfirmation([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/confirmations/view")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (body, bad) = await RequestParsing.JsonAsync(request, cancellationToken);
        return bad ?? (await confirmations.ViewAsync(body!.Optional("token"), Problems.LanguageOf(request), cancellationToken)).ToResult(request);
    }

    [Function("DecideConfirmation")]
    public async Task<IActionResult> DecideConfirmation([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/confirmations/decision")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (body, bad) = await RequestParsing.JsonAsync(request, cancellationToken);
        return bad ?? (await confirmations.DecideAsync(body!, Problems.LanguageOf(request), cancellationToken)).ToResult(request);
    }
}
