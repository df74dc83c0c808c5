using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Otrabotka.Functions.Configuration;
using Otrabotka.Functions.Http.OpenApi;

namespace Otrabotka.Functions.Http;

/// <summary>
/// GET /api/openapi.json, built from the app's own HTTP functions (their trigger and contract attributes),
/// so it lists exactly the routes that exist. Microsoft.AspNetCore.OpenApi does not see isolated functions.
/// </summary>
public sealed class OpenApiFunction(IOptions<OtrabotkaSettings> settings)
{
    private readonly Lazy<string> document = new(() => OpenApiDocumentBuilder.Build(settings.Value.PublicBaseUrl, "This deployment"));

    [Function("OpenApi")]
    [ApiOperation(ApiAudience.Public, ApiAccess.Anonymous, "The OpenAPI document",
        "This document: every operation with its request and response schemas, status codes and examples. Rendered for people at /api/docs.")]
    [ApiResponse(200, typeof(System.Text.Json.JsonElement), Description = "The OpenAPI 3.1 document (JSON)")]
    public IActionResult Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/openapi.json")] HttpRequest request) =>
        new ContentResult { StatusCode = 200, ContentType = "application/json; charset=utf-8", Content = document.Value };

    public static IEnumerable<(string Name, string Route, string[] Methods)> Routes() =>
        ApiOperation.All.Select(o => (o.Name, o.Route, o.Methods.ToArray()));
}
