using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Otrabotka.Domain;
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
            ["title"] = TitleOf(HttpStatus.Of(problem.Kind)).In(language),
            ["status"] = HttpStatus.Of(problem.Kind),
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
            StatusCode = HttpStatus.Of(problem.Kind),
            ContentType = "application/problem+json; charset=utf-8",
            Content = JsonSerializer.Serialize(body, Json.Options),
        };
    }

    private static Text TitleOf(int status) => status switch
    {
        400 => new("Сұрау дұрыс емес", "Неверный запрос", "Bad request"),
        401 => new("Авторизация қажет", "Требуется авторизация", "Unauthorized"),
        403 => new("Рұқсат жоқ", "Доступ запрещён", "Forbidden"),
        404 => new("Табылмады", "Не найдено", "Not found"),
        409 => new("Қайшылық", "Конфликт", "Conflict"),
        410 => new("Мерзімі өтті", "Срок истёк", "Gone"),
        413 => new("Тым үлкен", "Слишком большой запрос", "Payload too large"),
        415 => new("Пішім қолдау көрсетілмейді", "Формат не поддерживается", "Unsupported media type"),
        422 => new("Өңделмейтін деректер", "Необрабатываемые данные", "Unprocessable content"),
        _ => new("Қате", "Ошибка", "Error"),
    };
}
