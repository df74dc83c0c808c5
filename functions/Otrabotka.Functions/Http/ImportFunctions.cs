using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Otrabotka.Functions.Http.OpenApi;
using Otrabotka.Functions.Texts;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Http;

/// <summary>Operators import graduates as CSV: a small file is answered at once, a large one with 202 and its job's status route.</summary>
public sealed class ImportFunctions(RequestParsing parse, OperatorAccess access, StartImport startImport, ReadImportStatus readImportStatus)
{
    [Function("ImportGraduates")]
    [ApiOperation(ApiAudience.Operator, ApiAccess.Operator, "Import graduates from CSV", "Registers every row of a CSV file. A small file is answered at once with the counts and each row's errors; a large one with 202 and the Location of its import status.")]
    [ApiRequest(typeof(string), ContentType = MediaTypes.Csv)]
    [ApiResponse(200, typeof(ImportResult))]
    [ApiResponse(202, typeof(ImportStatus), Location = true, Description = "A large file: imported in chunks; follow Location")]
    [ApiProblem(400, 413)]
    public async Task<IActionResult> ImportGraduates([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/graduates/import")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (caller, failure) = await access.CallerAsync(request, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        if (RequestParsing.FileTypeRefusal(request, MediaTypes.Csv) is { } refusedType)
        {
            return refusedType;
        }

        var start = await startImport.RunAsync(request.Body, Problems.LanguageOf(request), cancellationToken);
        if (start.Refused is { } refused)
        {
            return Problems.Create(request, refused);
        }

        await access.RecordAsync(caller!, UseCases.OperatorDesk.AuditActions.GraduatesImported, null, null, cancellationToken);

        if (start.Job is { } job)
        {
            request.HttpContext.Response.Headers.Location = StatusRoute(job.ImportId);
            return ApiResults.Json(job, 202);
        }

        return ApiResults.Json(start.Result!);
    }

    [Function("GetImportStatus")]
    [ApiOperation(ApiAudience.Operator, ApiAccess.Operator, "An import's status", "Rows read, registered, unchanged, conflicts, errors with their lines, and whether it is done.")]
    [ApiResponse(200, typeof(ImportStatus))]
    [ApiProblem(404)]
    public async Task<IActionResult> GetImportStatus([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/imports/{importId}")] HttpRequest request, string importId, CancellationToken cancellationToken)
    {
        if (await parse.OperatorAsync(request, cancellationToken) is { } failure)
        {
            return failure;
        }

        return await readImportStatus.RunAsync(importId, cancellationToken) is { } status ? ApiResults.Json(status) : Problems.Create(request, Problem.NotFound);
    }

    public static string StatusRoute(string importId) => "/api/imports/" + importId;
}
