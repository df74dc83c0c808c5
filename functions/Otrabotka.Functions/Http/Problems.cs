using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Otrabotka.Domain;
using Otrabotka.Functions.Http.Contracts;
using Otrabotka.Functions.Texts;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Http;

/// <summary>
/// RFC 9457 problem details with a stable code, in the caller's language (Accept-Language: kk, ru, en; default kk).
/// The one place a problem becomes an HTTP answer, so the one place that sends Retry-After: from the problem's
/// <see cref="Problem.RetryAfterSeconds"/> extension, which the body carries too.
/// </summary>
public static class Problems
{
    public static Language LanguageOf(HttpRequest request) => Text.ParseLanguage(request.Headers.AcceptLanguage.ToString());

    public static ContentResult Create(HttpRequest request, Problem problem)
    {
        if (problem.RetryAfter is { } seconds)
        {
            request.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var language = LanguageOf(request);
        var body = new ProblemBody(
            "urn:otrabotka:problem:" + problem.Code,
            TitleOf(HttpStatus.Of(problem.Kind)).In(language),
            HttpStatus.Of(problem.Kind),
            problem.Detail.In(language),
            problem.Code,
            problem.Errors is { Count: > 0 } errors ? errors.Select(e => new ProblemFieldError(e.Field, e.Code, e.Detail.In(language))).ToList() : null)
        {
            Extensions = problem.Extensions?.ToDictionary(e => e.Key, e => JsonSerializer.SerializeToElement(e.Value, Json.Options)),
        };

        return new ContentResult
        {
            StatusCode = HttpStatus.Of(problem.Kind),
            ContentType = "application/problem+json; charset=utf-8",
            Content = JsonSerializer.Serialize(body, Json.Options),
        };
    }

    private static Text TitleOf(int status) => status switch
    {
        400 or 401 or 403 or 404 or 409 or 410 or 413 or 415 or 422 or 429 or 503 => TextCatalog.Default.Text($"problems.title.{status}"),
        _ => TextCatalog.Default.Text("problems.title.other"),
    };
}
