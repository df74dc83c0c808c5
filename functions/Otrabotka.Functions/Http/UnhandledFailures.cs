using System.Diagnostics;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Otrabotka.Functions.Texts;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Http;

/// <summary>
/// What a request that threw answers, the same in Azure (the worker middleware) and in the local host:
/// a storage service that is unreachable or overloaded is a 503 with Retry-After (nothing was recorded
/// that the caller must undo; the same request may be sent again, with its Idempotency-Key where the
/// route takes one); a body over the server's limit is a 413 and a broken body a 400, changes that kept meeting concurrent ones a 409; anything else is a 500 carrying only a trace id. Both are problem details in the
/// caller's language, never an exception's text.
/// </summary>
public static class UnhandledFailures
{
    public const int RetryAfterSeconds = 5;

    public static bool IsStorageUnavailable(Exception exception) => exception switch
    {
        RequestFailedException failed => failed.Status is 0 or 408 or 429 or >= 500,
        HttpRequestException or TimeoutException => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsStorageUnavailable),
        _ => exception.InnerException is { } inner && IsStorageUnavailable(inner),
    };

    public static IActionResult Result(HttpRequest request, Exception exception)
    {
        if (exception is BadHttpRequestException { StatusCode: 413 })
        {
            // The server's body limit, met while a function streamed the body (an import larger than the host accepts).
            return Problems.Create(request, new Problem(Refusal.TooLarge, "body-too-large", TextCatalog.Default.Text("problems.body-too-large")));
        }

        if (exception is BadHttpRequestException)
        {
            // A body the client broke off or sent malformed (a bad chunked encoding): the request's fault, nothing recorded.
            return Problems.Create(request, new Problem(Refusal.Invalid, "bad-request-body", TextCatalog.Default.Text("problems.bad-request-body")));
        }

        if (exception is Storage.ConcurrentChangeException)
        {
            // A use case that met concurrent changes on every try: the caller may send it again.
            return Problems.Create(request, Problem.ConcurrentUpdate);
        }

        if (IsStorageUnavailable(exception))
        {
            return Problems.Create(request, new Problem(Refusal.Unavailable, "storage-unavailable", TextCatalog.Default.Text("problems.storage-unavailable"))
                .RetryingAfter(TimeSpan.FromSeconds(RetryAfterSeconds)));
        }

        var trace = Activity.Current?.TraceId.ToString() ?? request.HttpContext.TraceIdentifier;
        return Problems.Create(request, new Problem(Refusal.Failed, "internal-error", TextCatalog.Default.Text("problems.internal-error"),
            Extensions: new Dictionary<string, object?> { ["traceId"] = trace }));
    }
}
