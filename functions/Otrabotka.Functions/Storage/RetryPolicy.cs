namespace Otrabotka.Functions.Storage;

/// <summary>
/// The one retry policy of the app for optimistic concurrency: an attempt that loses to a concurrent change
/// (<see cref="ConcurrentChangeException"/>) is run again from fresh state after a short jittered pause,
/// at most <see cref="MaxAttempts"/> times (a hot shared counter may ask for more); then the caller's answer for "gave up" is returned.
/// Transient network faults are the Azure SDK clients' own retries, not this policy's.
/// </summary>
public static class RetryPolicy
{
    public const int MaxAttempts = 8;

    public static async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> run, Func<T> gaveUp, CancellationToken cancellationToken, int maxAttempts = MaxAttempts)
    {
        for (var attempt = 1; attempt <= maxAttempts; attempt++)
        {
            try
            {
                return await run(cancellationToken);
            }
            catch (ConcurrentChangeException) when (attempt < maxAttempts)
            {
                await Task.Delay(Pause(attempt), cancellationToken);
            }
            catch (ConcurrentChangeException)
            {
                break;
            }
        }

        return gaveUp();
    }

    public static async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> run, Func<CancellationToken, Task<T>> gaveUp, CancellationToken cancellationToken)
    {
        var exhausted = false;
        var value = await RunAsync(run, () => { exhausted = true; return default(T)!; }, cancellationToken);
        return exhausted ? await gaveUp(cancellationToken) : value;
    }

    public static Task RunAsync(Func<CancellationToken, Task> run, CancellationToken cancellationToken) =>
        RunAsync(
            async token =>
            {
                await run(token);
                return true;
            },
            () => false,
            cancellationToken);

    /// <summary>Full jitter over a window that doubles per attempt, capped at 160 ms.</summary>
    public static TimeSpan Pause(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 * (1 << Math.Min(attempt, 5))));
}
