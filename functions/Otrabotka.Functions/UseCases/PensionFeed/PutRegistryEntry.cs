using Otrabotka.Domain;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>An operator writes one registry entry; the same row rules as an import (a wrong check digit is refused).</summary>
public sealed class PutRegistryEntry(EmployerRegistryStore registry)
{
    /// <summary>Writes the entry under the BIN of the route; a body naming another BIN is refused.</summary>
    public async Task<RegistryResult> RunAsync(string bin, RegistryJsonItem item, string operatorId, CancellationToken cancellationToken)
    {
        var line = (item with { Bin = bin }).Check(1);
        if (item.Bin is { Length: > 0 } named && named != bin)
        {
            return new RegistryResult(RegistryOutcome.Invalid, null, [RegistryReasons.BinMismatch]);
        }

        if (line.Entry is not { } entry)
        {
            return new RegistryResult(RegistryOutcome.Invalid, null, line.Errors);
        }

        await registry.PutAsync(entry, "op-" + operatorId, cancellationToken);
        return new RegistryResult(RegistryOutcome.Saved, EmployerRegistryView.Of(entry), []);
    }
}
