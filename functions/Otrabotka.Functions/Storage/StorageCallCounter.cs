using Azure.Core;
using Azure.Core.Pipeline;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// Counts every request the app's storage clients send (blob, queue and table, retries included): the benchmarks'
/// and the call-count tests' measure of storage round trips. Never configured in Azure.
/// </summary>
public sealed class StorageCallCounter : HttpPipelineSynchronousPolicy
{
    private long calls;

    public long Calls => Interlocked.Read(ref calls);

    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref calls);
}
