using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Otrabotka.Functions.Notifications;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Http;

/// <summary>Operators: failed e-mails and their resend; a reminder run for a given date (catch-up and demos).</summary>
public sealed class NotificationFunctions(RequestParsing parse, FailedNotifications failed, RunReminders reminders)
{
    [Function("ListFailedNotifications")]
    public async Task<IActionResult> ListFailed([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/notifications/failed")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (await parse.OperatorAsync(request, cancellationToken) is { } failure)
        {
            return failure;
        }

        return (await failed.ListAsync(RequestParsing.Query(request).Optional("continuationToken"), cancellationToken)).ToResult(request);
    }

    [Function("ResendNotification")]
    public async Task<IActionResult> Resend([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/notifications/failed/{id}/resend")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        if (await parse.OperatorAsync(request, cancellationToken) is { } failure)
        {
            return failure;
        }

        return (await failed.ResendAsync(id, cancellationToken)).ToResult(request);
    }

    [Function("RunRemindersNow")]
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

        var date = body!.Has("date") ? body.Date("date") : reminders.Today();
        if (body.Errors.Count > 0)
        {
            return Problems.Create(request, Problem.Invalid(body.Errors));
        }

        return Outcome<ReminderRunResult>.Ok(await reminders.RunAsync(date, "operator", cancellationToken)).ToResult(request);
    }
}
