using System.Runtime.ExceptionServices;
using Microsoft.Azure.WebJobs.Host.Timers;

namespace Otrabotka.LocalHost;

/// <summary>
/// The WebJobs SDK hands a background listener's failure to its exception handler, whose default rethrows
/// on a new thread and so ends the process. After a storage outage the blob trigger's container scan fails
/// that way (a receipt's lease expired during the outage: 412 LeaseNotPresentWithBlobOperation) and its
/// polling loop has already ended. Here a failure that came from storage — an answer from it, or no
/// answer — asks for the host to be rebuilt (<see cref="JobHostRestart"/>), as the Functions host restarts
/// its script host; anything else, and function timeouts, go to the SDK's handler as before.
/// </summary>
internal sealed partial class RestartingExceptionHandler(IWebJobsExceptionHandler inner, JobHostRestart restart, ILogger<RestartingExceptionHandler> logger) : IWebJobsExceptionHandler
{
    /// <summary>Wraps the exception handler the WebJobs services registered.</summary>
    public static void WrapRegistered(IServiceCollection services)
    {
        var original = services.Last(d => d.ServiceType == typeof(IWebJobsExceptionHandler));
        services.Remove(original);
        services.Add(new ServiceDescriptor(
            typeof(IWebJobsExceptionHandler),
            provider => new RestartingExceptionHandler(
                (IWebJobsExceptionHandler)(original.ImplementationInstance
                    ?? original.ImplementationFactory?.Invoke(provider)
                    ?? ActivatorUtilities.CreateInstance(provider, original.ImplementationType!)),
                provider.GetRequiredService<JobHostRestart>(),
                provider.GetRequiredService<ILogger<RestartingExceptionHandler>>()),
            original.Lifetime));
    }

    public Task OnTimeoutExceptionAsync(ExceptionDispatchInfo exceptionInfo, TimeSpan timeoutGracePeriod) =>
        inner.OnTimeoutExceptionAsync(exceptionInfo, timeoutGracePeriod);

    public Task OnUnhandledExceptionAsync(ExceptionDispatchInfo exceptionInfo)
    {
        var exception = exceptionInfo.SourceException;
        if (!FromStorage(exception))
        {
            return inner.OnUnhandledExceptionAsync(exceptionInfo);
        }

        ListenerFailed(logger, exception.GetType().Name, StatusOf(exception), restart.Request());
        return Task.CompletedTask;
    }

    /// <summary>Storage answered with an error, or did not answer at all.</summary>
    internal static bool FromStorage(Exception exception) =>
        ResilientLockManager.IsUnreachable(exception) || StatusOf(exception) != 0;

    private static int StatusOf(Exception exception) => exception switch
    {
        Azure.RequestFailedException failed => failed.Status,
        AggregateException aggregate => aggregate.InnerExceptions.Select(StatusOf).FirstOrDefault(s => s != 0),
        _ => exception.InnerException is { } inner ? StatusOf(inner) : 0,
    };

    [LoggerMessage(EventId = 5002, Level = LogLevel.Error, Message = "A WebJobs listener stopped on a storage failure ({Exception}, status {Status}); rebuilding the host (first request: {First})")]
    private static partial void ListenerFailed(ILogger logger, string exception, int status, bool first);
}
