using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Otrabotka.Domain;
using Otrabotka.Functions.Texts;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Http;

/// <summary>RFC 9457 problem details with a stable code, in the caller's language (Accept-Language: kk, ru, en; default kk).</summary>
public static class Problems
{
    public static Language LanguageOf(HttpRequest request) => Text.ParseLanguage(request.Headers.AcceptLanguage.ToString());

    public static ContentResult Create(HttpRequest request, Problem problem)
    {
        var language = LanguageOf(request);
        var body = new Dictionary<string, object?>
        {
            ["type"] = "urn:otrabotka:problem:" + problem.Code,
            ["title"] = TitleOf(problem.Status).In(language),
            ["status"] = problem.Status,
            ["detail"] = problem.Detail.In(language),
            ["code"] = problem.Code,
        };
        if (problem.Errors is { Count: > 0 } errors)
        {
            body["errors"] = errors.Select(e => new { field = e.Field, code = e.Code, detail = e.Detail.In(language) }).ToList();
        }

        foreach (var (key, value) in problem.Extensions ?? new Dictionary<string, object?>())
        {
            body[key] = value;
        }

        return new ContentResult
        {
            StatusCode = problem.Status,
            ContentType = "application/problem+json; charset=utf-8",
            Content = JsonSerializer.Serialize(body, Json.Options),
        };
    }

    private static Text TitleOf(int status) => status switch
    {
        400 or 401 or 403 or 404 or 409 or 410 or 413 or 415 or 422 => TextCatalog.Default.Text($"problems.title.{status}"),
        _ => TextCatalog.Default.Text("problems.title.other"),
    };
}

/// <summary>A field that failed validation.</summary>
public sealed record FieldError(string Field, string Code, Text Detail);

/// <summary>A refusal a use case returns instead of a value.</summary>
public sealed record Problem(int Status, string Code, Text Detail, IReadOnlyList<FieldError>? Errors = null, IReadOnlyDictionary<string, object?>? Extensions = null)
{
    public static Problem NotFound => new(404, "not-found", TextCatalog.Default.Text("problems.not-found"));

    public static Problem BadContinuationToken => new(400, "invalid-continuation-token",
        TextCatalog.Default.Text("problems.invalid-continuation-token"));

    public static Problem Invalid(IReadOnlyList<FieldError> errors) =>
        new(400, "validation-failed", TextCatalog.Default.Text("problems.validation-failed"), errors);

    public static Problem FromReasons(int status, string code, IEnumerable<Reason> reasons, string field) =>
        new(status, code, TextCatalog.Default.Text("problems.rules-broken"), reasons.Select(r => new FieldError(field, r.Code, r.Message)).ToList());
}

/// <summary>A use case's answer: a value with its status code, or a problem.</summary>
public sealed record Outcome<T>(T? Value, Problem? Problem, int Status = 200)
{
    public static implicit operator Outcome<T>(Problem problem) => new(default, problem, problem.Status);

    public static Outcome<T> Ok(T value, int status = 200) => new(value, null, status);
}

public static class OutcomeResults
{
    public static IActionResult ToResult<T>(this Outcome<T> outcome, HttpRequest request, Func<T, string?>? location = null)
    {
        if (outcome.Problem is { } problem)
        {
            return Problems.Create(request, problem);
        }

        if (outcome.Status == 204 || outcome.Value is null)
        {
            return new StatusCodeResult(outcome.Status == 200 ? 204 : outcome.Status);
        }

        var result = ApiResults.Json(outcome.Value, outcome.Status);
        if (location?.Invoke(outcome.Value) is { } url)
        {
            request.HttpContext.Response.Headers.Location = url;
        }

        return result;
    }
}
