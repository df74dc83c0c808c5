using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Otrabotka.Functions.Http.Contracts;
using Otrabotka.Functions.Http.OpenApi;
using Otrabotka.Functions.Notifications;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Http;

/// <summary>Operators: failed e-mails and their resend.</summary>
public sealed class NotificationFunctions(RequestParsing parse, FailedNotifications failed)
{
    [Function("ListFailedNotifications")]
    [ApiOperation(ApiAudience.Operator, ApiAccess.Operator, "List e-mails that failed", "E-mails whose delivery gave up after the retries, a page at a time.")]
    [ApiQuery(typeof(PageQuery))]
    [ApiResponse(200, typeof(Paged<FailedNotificationView>))]
    [ApiProblem(400)]
    public async Task<IActionResult> ListFailed([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/notifications/failed")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (await parse.OperatorAsync(request, cancellationToken) is { } failure)
        {
            return failure;
        }

        return (await failed.ListAsync(RequestParsing.Query(request).Optional("continuationToken"), cancellationToken)).ToResult(request);
    }

    [Function("ResendNotification")]
    [ApiOperation(ApiAudience.Operator, ApiAccess.Operator, "Resend a failed e-mail", "Puts a failed e-mail back in the outbox and sends it now.")]
    [ApiResponse(202, typeof(FailedNotificationView))]
    [ApiProblem(404)]
    public async Task<IActionResult> Resend([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/notifications/failed/{id}/resend")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        if (await parse.OperatorAsync(request, cancellationToken) is { } failure)
        {
            return failure;
        }

        return (await failed.ResendAsync(id, cancellationToken)).ToResult(request);
    }
}
