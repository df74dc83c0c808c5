using Azure.Core;
using Azure.Core.Pipeline;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// Counts every request the app's storage clients send (an Azure SDK pipeline policy, per try, so a retry
/// counts as the round trip it is). The WebJobs SDK's own polling uses its own clients and is not counted.
/// Benchmarks and the round-trip test read <see cref="Total"/> and <see cref="Recent"/>.
/// </summary>
public sealed class StorageCallCounter : HttpPipelineSynchronousPolicy
{
    private const string Started = "otrabotka-call-started";
    private const int Kept = 256;
    private readonly Queue<string> recent = new();
    private long total;

    public long Total => Interlocked.Read(ref total);

    /// <summary>The last calls as "METHOD host-relative path" (no query string: it may carry a SAS).</summary>
    public IReadOnlyList<string> Recent
    {
        get
        {
            lock (recent)
            {
                return [.. recent];
            }
        }
    }

    /// <summary>How long the calls took, by kind (the intake benchmark's "where the time goes").</summary>
    public StorageCallTimes Times { get; } = new();

    public override void OnSendingRequest(HttpMessage message)
    {
        message.SetProperty(Started, System.Diagnostics.Stopwatch.GetTimestamp());
        Interlocked.Increment(ref total);
        ImportTrace.CountCall();
        var call = $"{message.Request.Method} {message.Request.Uri.Path}";
        lock (recent)
        {
            recent.Enqueue(call);
            if (recent.Count > Kept)
            {
                recent.Dequeue();
            }
        }
    }

    public override void OnReceivedResponse(HttpMessage message)
    {
        if (message.TryGetProperty(Started, out var started) && started is long timestamp)
        {
            Times.Record(message.Request.Method.ToString(), message.Request.Uri.Path, timestamp);
        }
    }
}
