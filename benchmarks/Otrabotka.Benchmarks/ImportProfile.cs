using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Benchmarks;

/// <summary>
/// Listens to the import's phase spans (<see cref="ImportTrace"/>) during one pass: per phase the time summed over the
/// chunks (chunks run in parallel, so the sum exceeds the wall time), how often it ran, and the storage calls made
/// inside it (every try; a chunk's calls outside its phases count under "chunk").
/// </summary>
public sealed class ImportProfile : IDisposable
{
    private readonly ConcurrentDictionary<string, (long Ticks, long Calls, int Runs)> phases = new(StringComparer.Ordinal);
    private readonly ActivityListener listener;

    public ImportProfile()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ImportTrace.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStarted = span => span.SetCustomProperty(ImportTrace.CallsProperty, new StrongBox<long>()),
            ActivityStopped = span =>
            {
                var calls = span.GetCustomProperty(ImportTrace.CallsProperty) is StrongBox<long> box ? Interlocked.Read(ref box.Value) : 0;
                phases.AddOrUpdate(span.OperationName, (span.Duration.Ticks, calls, 1), (_, sum) => (sum.Ticks + span.Duration.Ticks, sum.Calls + calls, sum.Runs + 1));
            },
        };
        ActivitySource.AddActivityListener(listener);
    }

    public void Print()
    {
        var chunks = phases.TryGetValue("chunk", out var chunk) ? chunk.Runs : 0;
        if (chunks == 0)
        {
            return;
        }

        var chunkTime = TimeSpan.FromTicks(chunk.Ticks);
        Console.WriteLine($"  per phase ({chunks} chunk executions, {chunkTime.TotalSeconds:N1} s of execution summed; phases nest in the chunk, which also has its own calls):");
        foreach (var (name, (ticks, calls, runs)) in phases.OrderByDescending(p => p.Value.Ticks))
        {
            var time = TimeSpan.FromTicks(ticks);
            Console.WriteLine($"    {name,-11} {time.TotalSeconds,8:N1} s summed, {time.TotalSeconds / chunks,6:N2} s a chunk ({100 * ticks / Math.Max(1, chunk.Ticks),3} % of chunk time), {runs,5} runs, {calls,7:N0} calls ({(double)calls / chunks,7:N1} a chunk)");
        }
    }

    public void Dispose() => listener.Dispose();
}
