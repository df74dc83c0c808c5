using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Otrabotka.Functions.Texts;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Http;

/// <summary>Operators import graduates as CSV: a small file is answered at once, a large one with 202 and its job's status route.</summary>
public sealed class ImportFunctions(RequestParsing parse, ImportJobs imports)
{
    [Function("ImportGraduates")]
    public async Task<IActionResult> ImportGraduates([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/graduates/import")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (await parse.OperatorAsync(request, cancellationToken) is { } failure)
        {
            return failure;
        }

        if (request.ContentType is not { } type || !type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Create(request, new Problem(415, "unsupported-media-type", TextCatalog.Default.Text("problems.unsupported-media-type", ("mediaType", "text/csv"))));
        }

        var start = await imports.StartAsync(request.Body, Problems.LanguageOf(request), cancellationToken);
        if (start.Refused is { } refused)
        {
            return Problems.Create(request, refused);
        }

        if (start.Job is { } job)
        {
            request.HttpContext.Response.Headers.Location = StatusRoute(job.ImportId);
            return ApiResults.Json(job, 202);
        }

        return ApiResults.Json(start.Result!);
    }

    [Function("GetImportStatus")]
    public async Task<IActionResult> GetImportStatus([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/imports/{importId}")] HttpRequest request, string importId, CancellationToken cancellationToken)
    {
        if (await parse.OperatorAsync(request, cancellationToken) is { } failure)
        {
            return failure;
        }

        return await imports.StatusAsync(importId, cancellationToken) is { } status ? ApiResults.Json(status) : Problems.Create(request, Problem.NotFound);
    }

    public static string StatusRoute(string importId) => "/api/imports/" + importId;
}
