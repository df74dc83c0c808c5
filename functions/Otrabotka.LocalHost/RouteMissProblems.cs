using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Otrabotka.Functions.Http;
using Otrabotka.Functions.Http.Contracts;
using Otrabotka.Functions.Texts;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.LocalHost;

/// <summary>
/// A request no function's route or method matches (an unknown path, a path that normalises to none such as
/// <c>/api/graduates/%2e%2e</c>, or a route's wrong method) is answered like every other refusal: RFC 9457 problem
/// details in the caller's language, not an empty 404/405. Answers the functions wrote themselves are left alone.
/// </summary>
internal static class RouteMissProblems
{
    public static Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        if (status is not (StatusCodes.Status404NotFound or StatusCodes.Status405MethodNotAllowed))
        {
            return Task.CompletedTask;
        }

        var language = Problems.LanguageOf(http.Request);
        var (code, title) = status == StatusCodes.Status404NotFound ? ("not-found", "problems.title.404") : ("method-not-allowed", "problems.title.other");
        var body = new ProblemBody(
            "urn:otrabotka:problem:" + code, TextCatalog.Default.Get(title, language), status, TextCatalog.Default.Get("problems." + code, language), code);
        http.Response.ContentType = "application/problem+json; charset=utf-8";
        return http.Response.WriteAsync(JsonSerializer.Serialize(body, Json.Options));
    }
}
