namespace Otrabotka.LocalHost;

/// <summary>
/// A request to rebuild the local host in its own process (LocalHostProgram's loop): the WebJobs SDK's
/// JobHost cannot be started again once stopped, so a listener that died on a storage failure comes back
/// only with a new host. Without the loop (tests' in-process hosts) a request changes nothing.
/// </summary>
public sealed class JobHostRestart
{
    private readonly TaskCompletionSource requested = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Requested => requested.Task;

    public bool Request() => requested.TrySetResult();
}
