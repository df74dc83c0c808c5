using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Otrabotka.Domain;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Http;

/// <summary>Reading requests: JSON bodies into fields, query strings, and the caller's graduate record.</summary>
public sealed class RequestParsing(Authenticator auth, Graduates graduates)
{
    public const long MaxJsonBytes = 64 * 1024;

    public static async Task<(Fields? Fields, IActionResult? Failure)> JsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // application/json, or a JSON flavour such as application/merge-patch+json for PATCH /api/me.
        var mediaType = request.ContentType?.Split(';')[0].Trim() ?? "";
        if (!mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) && !mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Problems.Create(request, new Problem(Refusal.UnsupportedMediaType, "unsupported-media-type", new("Сұрау денесі application/json болуы керек.", "Тело запроса должно быть application/json.", "The request body must be application/json."))));
        }

        if (request.ContentLength > MaxJsonBytes)
        {
            return (null, Problems.Create(request, new Problem(Refusal.TooLarge, "body-too-large", new("Сұрау денесі тым үлкен.", "Тело запроса слишком большое.", "The request body is too large."))));
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new JsonException();
            }

            return (Fields.FromJson(document.RootElement.Clone()), null);
        }
        catch (JsonException)
        {
            return (null, Problems.Create(request, new Problem(Refusal.Invalid, "invalid-json", new("Сұрау денесі JSON нысаны емес.", "Тело запроса не является объектом JSON.", "The request body is not a JSON object."))));
        }
    }

    public static Fields Query(HttpRequest request) =>
        new(request.Query.ToDictionary(q => q.Key, q => (string?)q.Value.ToString(), StringComparer.Ordinal));

    /// <summary>The graduate behind a graduate's token (subject = IIN): 401/403 from the check, 404 if not registered.</summary>
    public async Task<(GraduateRecord? Graduate, IActionResult? Failure)> GraduateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var authentication = await auth.RequireAsync(request, Roles.Graduate, cancellationToken);
        if (authentication.Failure is not null)
        {
            return (null, authentication.Failure);
        }

        var g = await graduates.FindByIinAsync(authentication.Caller!.Subject, cancellationToken);
        return g is null ? (null, Problems.Create(request, new Problem(Refusal.NotFound, "graduate-not-registered", new("Сіз түлектер тізімінде жоқсыз; университетке хабарласыңыз.", "Вас нет в списке выпускников; обратитесь в университет.", "You are not on the graduates' list; contact your university.")))) : (g, null);
    }

    /// <summary>An operator's call about a graduate named by the opaque id in the route.</summary>
    public async Task<(GraduateRecord? Graduate, IActionResult? Failure)> OperatorOnGraduateAsync(HttpRequest request, string graduateId, CancellationToken cancellationToken)
    {
        if (await OperatorAsync(request, cancellationToken) is { } failure)
        {
            return (null, failure);
        }

        var g = await graduates.GetAsync(graduateId, cancellationToken);
        return g is null ? (null, Problems.Create(request, Problem.NotFound)) : (g, null);
    }

    /// <summary>The operator the request was authenticated as (after <see cref="OperatorAsync"/>), as the actor of a change.</summary>
    public static Actor OperatorActor(HttpRequest request) =>
        Actor.Operator(request.HttpContext.Items[typeof(Caller)] is Caller caller ? caller.Subject : Roles.Operator);

    public async Task<IActionResult?> OperatorAsync(HttpRequest request, CancellationToken cancellationToken) =>
        (await auth.RequireAsync(request, Roles.Operator, cancellationToken)).Failure;
}
