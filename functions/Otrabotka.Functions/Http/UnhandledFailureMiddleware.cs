using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace Otrabotka.Functions.Http;

/// <summary>Azure's side of <see cref="UnhandledFailures"/>: an HTTP function that throws answers problem details, not the host's empty 500.</summary>
public sealed partial class UnhandledFailureMiddleware(ILogger<UnhandledFailureMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (context.GetHttpContext() is { Response.HasStarted: false })
        {
            var http = context.GetHttpContext()!;
            // The exception's text is not logged: storage errors can carry keys derived from personal data.
            Failed(logger, context.FunctionDefinition.Name, exception.GetType().Name);
            var result = UnhandledFailures.Result(http.Request, exception);
            await result.ExecuteResultAsync(new ActionContext(http, http.GetRouteData(), new ActionDescriptor()));
        }
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Error, Message = "HTTP function {Function} failed with {ExceptionType}")]
    private static partial void Failed(ILogger logger, string function, string exceptionType);
}
