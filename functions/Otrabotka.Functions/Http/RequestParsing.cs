using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases;
using Otrabotka.Functions.Texts;

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
            return (null, Problems.Create(request, new Problem(415, "unsupported-media-type", TextCatalog.Default.Text("problems.unsupported-media-type", ("mediaType", "application/json")))));
        }

        if (request.ContentLength > MaxJsonBytes)
        {
            return (null, Problems.Create(request, new Problem(413, "body-too-large", TextCatalog.Default.Text("problems.body-too-large"))));
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
            return (null, Problems.Create(request, new Problem(400, "invalid-json", TextCatalog.Default.Text("problems.invalid-json"))));
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
        return g is null ? (null, Problems.Create(request, new Problem(404, "graduate-not-registered", TextCatalog.Default.Text("problems.graduate-not-registered")))) : (g, null);
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

    public async Task<IActionResult?> OperatorAsync(HttpRequest request, CancellationToken cancellationToken) =>
        (await auth.RequireAsync(request, Roles.Operator, cancellationToken)).Failure;
}
