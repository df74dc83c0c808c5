using Microsoft.Extensions.Logging;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// Runs a timer's passes one after another so that one failing pass does not starve the others (a blob in intake
/// the validator cannot read must not stop the feeds container from being swept): each failure is logged, the
/// rest run, and the failures are thrown together at the end so the execution is still recorded as failed.
/// A cancellation stops at once.
/// </summary>
public static class IndependentPasses
{
    public static async Task RunAsync(string run, IReadOnlyList<(string Name, Func<CancellationToken, Task> Pass)> passes, ILogger logger, CancellationToken cancellationToken)
    {
        List<Exception> failures = [];
        foreach (var (name, pass) in passes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await pass(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.PassFailed(ex, name, run);
                failures.Add(ex);
            }
        }

        if (failures.Count > 0)
        {
            throw new AggregateException($"{failures.Count} of {passes.Count} passes of {run} failed", failures);
        }
    }
}
