using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Otrabotka.Domain;
using Otrabotka.Functions.Http.Contracts;
using Otrabotka.Functions.Http.OpenApi;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases;
using Otrabotka.Functions.UseCases.OperatorDesk;

namespace Otrabotka.Functions.Http;

/// <summary>
/// The operators' desk (docs/operator-api.md): open and correct a graduate, find graduates from the
/// index, the dashboard, the export of defaulted obligations, and — for supervisors only — the audit
/// trail that records every operator read of personal data and every change.
/// </summary>
public sealed class OperatorDeskFunctions(RequestParsing parse, ReadGraduate readGraduate, OpenGraduate open, CorrectGraduate correct, FindGraduates find, ReadDashboard dashboard, ExportDefaulted export, ReadAuditTrail trail, StartResync startResync, ReadResyncStatus resyncStatus, OperatorAuditLog audit, TimeProvider time)
{
    [Function("OpenGraduate")]
    [ApiOperation(ApiAudience.Operator, ApiAccess.Operator, "Open a graduate", "The graduate's record, its ETag (send it back as If-Match to correct) and the newest corrections. Recorded in the audit trail.")]
    [ApiResponse(200, typeof(OperatorGraduateView))]
    [ApiProblem(404)]
    public async Task<IActionResult> OpenGraduate([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/operator/graduates/{graduateId}")] HttpRequest request, string graduateId, CancellationToken cancellationToken)
    {
        var (caller, g, failure) = await OnGraduateAsync(request, graduateId, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        await audit.AppendAsync(caller!.Subject, Roles.Operator, AuditActions.GraduateOpened, g!.Id, null, null, cancellationToken);
        return WithETag(request, await open.RunAsync(g, Problems.LanguageOf(request), cancellationToken));
    }

    [Function("CorrectGraduate")]
    [ApiOperation(ApiAudience.Operator, ApiAccess.Operator, "Correct a registered graduate", "Changes the named registration fields (never the IIN) with a reason; each change is kept with the operator's subject, the old and the new value; the ledger is recomputed and the graduate e-mailed when the obligation changes.")]
    [ApiRequest(typeof(GraduateCorrection), ContentType = MediaTypes.Json, Example = """{"changes":{"email":"new@example.kz","graduationDate":"2025-06-30"},"reason":"Университеттің 20.11.2026 жылғы №12 хаты."}""")]
    [ApiHeader("If-Match", "The ETag from opening the graduate: a record changed since then is refused (412).")]
    [ApiResponse(200, typeof(OperatorGraduateView))]
    [ApiProblem(404, 409, 412)]
    public async Task<IActionResult> CorrectGraduate([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "api/operator/graduates/{graduateId}")] HttpRequest request, string graduateId, CancellationToken cancellationToken)
    {
        var authentication = await parse.CallerAsync(request, Roles.Operator, cancellationToken);
        if (authentication.Failure is not null)
        {
            return authentication.Failure;
        }

        var (body, bad) = await RequestParsing.JsonAsync(request, cancellationToken);
        if (bad is not null)
        {
            return bad;
        }

        var ifMatch = request.Headers.IfMatch.ToString() is { Length: > 0 } tag && tag != "*" ? tag.Trim() : null;
        var outcome = await correct.RunAsync(graduateId, body!, ifMatch, Actor.Operator(authentication.Caller!.Subject), Problems.LanguageOf(request), cancellationToken);
        if (outcome.Problem is null)
        {
            await audit.AppendAsync(authentication.Caller.Subject, Roles.Operator, AuditActions.GraduateCorrected, graduateId, null, null, cancellationToken);
        }

        return WithETag(request, outcome);
    }

    [Function("FindGraduates")]
    [ApiOperation(ApiAudience.Operator, ApiAccess.Operator, "Find graduates", "By IIN, by words of a name (case and Kazakh letters folded; each word the start of a name's word), by status, category or region; from the index, a page at a time.")]
    [ApiQuery(typeof(GraduateFindQuery))]
    [ApiResponse(200, typeof(Paged<SearchHit>))]
    [ApiProblem(400)]
    public async Task<IActionResult> FindGraduates([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/operator/graduates")] HttpRequest request, CancellationToken cancellationToken)
    {
        var authentication = await parse.CallerAsync(request, Roles.Operator, cancellationToken);
        if (authentication.Failure is not null)
        {
            return authentication.Failure;
        }

        var outcome = await find.RunAsync(RequestParsing.Query(request), cancellationToken);
        if (outcome.Problem is null)
        {
            await audit.AppendAsync(authentication.Caller!.Subject, Roles.Operator, AuditActions.GraduatesSearched, null, null, null, cancellationToken);
        }

        return outcome.ToResult(request);
    }

    [Function("GetDashboard")]
    [ApiOperation(ApiAudience.Operator, ApiAccess.Operator, "Dashboard", "Counts by category, region and status, obligations at risk (from counters index sync keeps), the documents waiting longest, failed e-mails.")]
    [ApiResponse(200, typeof(DashboardView))]
    public async Task<IActionResult> GetDashboard([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/operator/dashboard")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (await parse.OperatorAsync(request, cancellationToken) is { } failure)
        {
            return failure;
        }

        return (await dashboard.RunAsync(Problems.LanguageOf(request), cancellationToken)).ToResult(request);
    }

    [Function("ExportDefaulted")]
    [ApiOperation(ApiAudience.Operator, ApiAccess.Operator, "Export defaulted obligations", "CSV of every defaulted obligation with the amount owed (tenge), streamed from the index; cells that a spreadsheet could take for a formula are escaped. Recorded in the audit trail.")]
    [ApiResponse(200, typeof(string), ContentType = MediaTypes.Csv)]
    public async Task<IActionResult> ExportDefaulted([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/operator/exports/defaulted")] HttpRequest request, CancellationToken cancellationToken)
    {
        var authentication = await parse.CallerAsync(request, Roles.Operator, cancellationToken);
        if (authentication.Failure is not null)
        {
            return authentication.Failure;
        }

        await audit.AppendAsync(authentication.Caller!.Subject, Roles.Operator, AuditActions.DefaultedExported, null, null, null, cancellationToken);
        return new CsvStreamResult(UseCases.OperatorDesk.ExportDefaulted.FileName(Almaty.Today(time)), async (stream, ct) => await export.RunAsync(stream, ct));
    }

    [Function("ListAudit")]
    [ApiOperation(ApiAudience.Operator, ApiAccess.Supervisor, "Read the audit trail", "Operators' reads of personal data and their changes: one graduate's, or one UTC day's (default today), newest first. Supervisors only; nothing can change an entry.")]
    [ApiQuery(typeof(AuditQuery))]
    [ApiResponse(200, typeof(Paged<AuditEntryView>))]
    [ApiProblem(400)]
    public async Task<IActionResult> ListAudit([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/operator/audit")] HttpRequest request, CancellationToken cancellationToken)
    {
        var authentication = await parse.CallerAsync(request, Roles.Supervisor, cancellationToken);
        return authentication.Failure ?? (await trail.RunAsync(RequestParsing.Query(request), cancellationToken)).ToResult(request);
    }

    [Function("StartOperatorIndexResync")]
    [ApiOperation(ApiAudience.Operator, ApiAccess.Supervisor, "Re-sync the operators' index", "Re-indexes every graduate into the operators' search index and dashboard counters (those registered before the index existed, or whose rows were lost), a page of graduates per queue message; counters never count a graduate twice. One run at a time: while one runs, this answers it. Supervisors only; recorded in the audit trail.")]
    [ApiResponse(202, typeof(ResyncStatus), Location = true, Description = "The run (new, or the one still running); follow Location")]
    public async Task<IActionResult> StartOperatorIndexResync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/operator/resync")] HttpRequest request, CancellationToken cancellationToken)
    {
        var authentication = await parse.CallerAsync(request, Roles.Supervisor, cancellationToken);
        if (authentication.Failure is not null)
        {
            return authentication.Failure;
        }

        var outcome = await startResync.RunAsync(cancellationToken);
        await audit.AppendAsync(authentication.Caller!.Subject, Roles.Supervisor, AuditActions.IndexResyncStarted, null, null, null, cancellationToken);
        return outcome.ToResult(request, status => status.StatusUrl);
    }

    [Function("GetOperatorIndexResync")]
    [ApiOperation(ApiAudience.Operator, ApiAccess.Supervisor, "Follow a re-sync of the operators' index", "Running or done, the pages of graduates walked and the graduates re-synced so far. Supervisors only.")]
    [ApiResponse(200, typeof(ResyncStatus))]
    [ApiProblem(404)]
    public async Task<IActionResult> GetOperatorIndexResync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/operator/resync/{runId}")] HttpRequest request, string runId, CancellationToken cancellationToken)
    {
        var authentication = await parse.CallerAsync(request, Roles.Supervisor, cancellationToken);
        return authentication.Failure ?? (await resyncStatus.RunAsync(runId, cancellationToken)).ToResult(request);
    }

    private async Task<(Caller? Caller, GraduateRecord? Graduate, IActionResult? Failure)> OnGraduateAsync(HttpRequest request, string graduateId, CancellationToken cancellationToken)
    {
        var authentication = await parse.CallerAsync(request, Roles.Operator, cancellationToken);
        if (authentication.Failure is not null)
        {
            return (null, null, authentication.Failure);
        }

        var g = await readGraduate.RunAsync(graduateId, cancellationToken);
        return g is null ? (null, null, Problems.Create(request, Problem.NotFound)) : (authentication.Caller, g, null);
    }

    private static IActionResult WithETag(HttpRequest request, Outcome<OperatorGraduateView> outcome)
    {
        if (outcome.Value is { } view)
        {
            request.HttpContext.Response.Headers.ETag = view.Etag;
        }

        return outcome.ToResult(request);
    }
}
