using System.Diagnostics;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>Probes blob, queue and table storage in parallel, each within a short deadline and without retries.</summary>
public sealed class CheckHealth(ProbeStorageClients probe, TimeProvider time)
{
    /// <summary>
    /// Long enough that a storage account which is only busy (a loaded Azurite, a throttled account) still answers:
    /// at 2.5 s a busy emulator was reported unreachable and the probe answered 503. Short enough for a load balancer's probe.
    /// </summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(6);

    public async Task<HealthReport> RunAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadline);
        var clients = probe.Clients;
        var blob = Probe(async ct => await clients.Container(StorageNames.DocumentsContainer).ExistsAsync(ct), deadline.Token);
        var queue = Probe(async ct => await clients.Queue(StorageNames.DispatchQueue).ExistsAsync(ct), deadline.Token);
        var table = Probe(
            async ct =>
            {
                await foreach (var _ in clients.Tables.QueryAsync($"TableName eq '{StorageNames.GraduatesTable}'", maxPerPage: 1, cancellationToken: ct))
                {
                    break;
                }
            },
            deadline.Token);
        await Task.WhenAll(blob, queue, table);
        var services = new Dictionary<string, ServiceHealth>
        {
            ["blob"] = await blob,
            ["queue"] = await queue,
            ["table"] = await table,
        };
        var healthy = services.Values.All(s => s.Reachable);
        return new HealthReport(healthy ? "healthy" : "unhealthy", time.GetUtcNow(), services);
    }

    private static async Task<ServiceHealth> Probe(Func<CancellationToken, Task> call, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            await call(cancellationToken);
            return new ServiceHealth(true, watch.ElapsedMilliseconds, null);
        }
#pragma warning disable CA1031 // A probe reports any failure as unreachable rather than failing itself.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var reason = ex is OperationCanceledException ? "timed out" : ex.GetType().Name;
            return new ServiceHealth(false, watch.ElapsedMilliseconds, reason);
        }
    }
}
