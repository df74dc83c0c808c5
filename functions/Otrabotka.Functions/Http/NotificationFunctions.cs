using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Otrabotka.Functions.Notifications;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Http;

/// <summary>Operators: failed e-mails and their resend.</summary>
public sealed class NotificationFunctions(RequestParsing parse, FailedNotifications failed)
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
}
