using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Http;

/// <summary>Maps a use case's outcome to the HTTP answer: a status, a JSON body or a problem, a Location.</summary>
public static class OutcomeResults
{
    public static IActionResult ToResult<T>(this Outcome<T> outcome, HttpRequest request, Func<T, string?>? location = null)
    {
        if (outcome.Problem is { } problem)
        {
            return Problems.Create(request, problem);
        }

        if (outcome.Value is null)
        {
            return new StatusCodeResult(204);
        }

        var result = ApiResults.Json(outcome.Value, HttpStatus.Of(outcome.Kind));
        if (location?.Invoke(outcome.Value) is { } url)
        {
            request.HttpContext.Response.Headers.Location = url;
        }

        return result;
    }
}
