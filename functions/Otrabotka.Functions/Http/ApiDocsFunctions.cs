using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Otrabotka.Functions.Http.OpenApi;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Http;

/// <summary>/api/docs: the OpenAPI document rendered for people by Swagger UI, served from files embedded in the app.</summary>
public sealed class ApiDocsFunctions
{
    private static readonly Dictionary<string, string> Assets = new(StringComparer.Ordinal)
    {
        ["swagger-ui-bundle.js"] = "text/javascript; charset=utf-8",
        ["swagger-ui.css"] = "text/css; charset=utf-8",
        ["docs.js"] = "text/javascript; charset=utf-8",
    };

    [Function("ApiDocs")]
    [ApiOperation(ApiAudience.Public, ApiAccess.Anonymous, "The API reference for people", "This document rendered by Swagger UI (bundled from npm and served by the app; no CDN).")]
    [ApiResponse(200, typeof(string), ContentType = MediaTypes.Html, Description = "The page")]
    public IActionResult Page([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/docs")] HttpRequest request) =>
        Serve(request, "index.html", "text/html; charset=utf-8");

    [Function("ApiDocsAsset")]
    [ApiOperation(ApiAudience.Public, ApiAccess.Anonymous, "A file of the API reference page", "Swagger UI's script and style sheet, and the page's start-up script.")]
    [ApiResponse(200, typeof(string), ContentType = "text/javascript", Description = "A script")]
    [ApiResponse(200, typeof(string), ContentType = "text/css", Description = "A style sheet")]
    [ApiProblem(404)]
    public IActionResult Asset([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/docs/{file}")] HttpRequest request, string file) =>
        Assets.TryGetValue(file, out var type) ? Serve(request, file, type) : Problems.Create(request, Problem.NotFound);

    private static FileContentResult Serve(HttpRequest request, string name, string contentType)
    {
        var headers = request.HttpContext.Response.Headers;
        headers["Content-Security-Policy"] = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";
        headers["X-Content-Type-Options"] = "nosniff";
        headers["Cache-Control"] = "public, max-age=3600";
        using var stream = typeof(ApiDocsFunctions).Assembly.GetManifestResourceStream("docs/" + name)
            ?? throw new InvalidOperationException($"Embedded file docs/{name} is missing.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return new FileContentResult(buffer.ToArray(), contentType);
    }
}
