using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using Microsoft.Azure.WebJobs.Host.Timers;
using Microsoft.Extensions.Logging.Abstractions;
using Otrabotka.LocalHost;

namespace Otrabotka.Functions.Tests;

/// <summary>
/// A WebJobs listener's background failure: one from storage (an error answer, or none) asks for the host
/// to be rebuilt instead of ending the process; anything else still goes to the SDK's handler.
/// </summary>
public sealed class RestartingExceptionHandlerTests
{
    public static TheoryData<Exception> StorageFailures() =>
    [
        new Azure.RequestFailedException(412, "The lease ID specified did not match", "LeaseNotPresentWithBlobOperation", null),
        new Azure.RequestFailedException(0, "connection refused", new HttpRequestException("refused", new SocketException(111))),
        new AggregateException(new HttpRequestException("refused")),
        new InvalidOperationException("wrapped", new Azure.RequestFailedException(503, "server busy")),
    ];

    [Theory]
    [MemberData(nameof(StorageFailures))]
    public async Task A_storage_failure_asks_for_a_rebuild_and_does_not_reach_the_SDK_handler(Exception failure)
    {
        var inner = new RecordingHandler();
        var restart = new JobHostRestart();
        var handler = new RestartingExceptionHandler(inner, restart, NullLogger<RestartingExceptionHandler>.Instance);

        await handler.OnUnhandledExceptionAsync(ExceptionDispatchInfo.Capture(failure));

        Assert.True(restart.Requested.IsCompleted);
        Assert.Equal(0, inner.Unhandled);
    }

    [Fact]
    public async Task Any_other_failure_and_a_function_timeout_go_to_the_SDK_handler_as_before()
    {
        var inner = new RecordingHandler();
        var restart = new JobHostRestart();
        var handler = new RestartingExceptionHandler(inner, restart, NullLogger<RestartingExceptionHandler>.Instance);

        await handler.OnUnhandledExceptionAsync(ExceptionDispatchInfo.Capture(new NullReferenceException()));
        await handler.OnTimeoutExceptionAsync(ExceptionDispatchInfo.Capture(new TimeoutException()), TimeSpan.Zero);

        Assert.Equal(1, inner.Unhandled);
        Assert.Equal(1, inner.Timeouts);
        Assert.False(restart.Requested.IsCompleted);
    }

    /// <summary>Stands for the SDK's handler (which would end the process): counts what reaches it.</summary>
    private sealed class RecordingHandler : IWebJobsExceptionHandler
    {
        public int Unhandled { get; private set; }

        public int Timeouts { get; private set; }

        public Task OnTimeoutExceptionAsync(ExceptionDispatchInfo exceptionInfo, TimeSpan timeoutGracePeriod)
        {
            Timeouts++;
            return Task.CompletedTask;
        }

        public Task OnUnhandledExceptionAsync(ExceptionDispatchInfo exceptionInfo)
        {
            Unhandled++;
            return Task.CompletedTask;
        }
    }
}
