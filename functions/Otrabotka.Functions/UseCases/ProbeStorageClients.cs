using System.Diagnostics;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>Storage clients used only by the health probe (no retries, short timeouts).</summary>
public sealed class ProbeStorageClients(StorageConnection connection)
{
    public StorageClients Clients { get; } = new(connection, probe: true);
}
