using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Otrabotka.Domain;
using Otrabotka.Functions.UseCases;

using Otrabotka.Functions.Http.Contracts;
using Otrabotka.Functions.Http.OpenApi;

namespace Otrabotka.Functions.Http;

/// <summary>Operators: a reminder run for a given date (catch-up and demos) — answered at once when few are due, else 202 and the run's status.</summary>
public sealed class ReminderRunFunctions(RequestParsing parse, StartReminderRun startRun, ReadReminderRunStatus readRunStatus, TimeProvider time)
{
    [Function("RunRemindersNow")]
    [ApiOperation(ApiAudience.Operator, ApiAccess.Operator, "Run the reminders for a date", "Sends the reminders due on an Almaty date (today when absent); catch-up and demos. Each reminder goes once. Few due: answered at once; many: 202 and the Location of the run's status.")]
    [ApiRequest(typeof(ReminderRunRequest), Example = ApiExamples.ReminderRun)]
    [ApiResponse(200, typeof(ReminderRunResult))]
    [ApiResponse(202, typeof(ReminderRunStatus), Location = true, Description = "Many due: sent in paced chunks; follow Location")]
    public async Task<IActionResult> RunNow([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/reminders/run")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (await parse.OperatorAsync(request, cancellationToken) is { } failure)
        {
            return failure;
        }

        var (body, bad) = await RequestParsing.JsonAsync(request, cancellationToken);
        if (bad is not null)
        {
            return bad;
        }

        var date = body!.Has("date") ? body.Date("date") : Almaty.Today(time);
        if (body.Errors.Count > 0)
        {
            return Problems.Create(request, Problem.Invalid(body.Errors));
        }

        var start = await startRun.RunAsync(date, "operator", cancellationToken);
        if (start.Run is { } run)
        {
            request.HttpContext.Response.Headers.Location = ReminderRuns.StatusRoute(run.RunId);
            return ApiResults.Json(run, 202);
        }

        return ApiResults.Json(start.Result!);
    }

    [Function("GetReminderRun")]
    [ApiOperation(ApiAudience.Operator, ApiAccess.Operator, "A reminder run's status", "Due, sent, skipped and failed, and whether the run is done.")]
    [ApiResponse(200, typeof(ReminderRunStatus))]
    [ApiProblem(404)]
    public async Task<IActionResult> GetRun([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reminders/runs/{runId}")] HttpRequest request, string runId, CancellationToken cancellationToken)
    {
        if (await parse.OperatorAsync(request, cancellationToken) is { } failure)
        {
            return failure;
        }

        return await readRunStatus.RunAsync(runId, cancellationToken) is { } status ? ApiResults.Json(status) : Problems.Create(request, Problem.NotFound);
    }
}
