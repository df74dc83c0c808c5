using Otrabotka.Domain;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>An operator reads one registry entry by its BIN (a BIN with a wrong check digit is refused).</summary>
public sealed class ReadRegistryEntry(EmployerRegistryStore registry)
{
    public async Task<RegistryResult> RunAsync(string bin, CancellationToken cancellationToken)
    {
        var parsed = Bin.Parse(bin);
        if (!parsed.IsValid)
        {
            return new RegistryResult(RegistryOutcome.Invalid, null, parsed.Reasons);
        }

        return await registry.FindAsync(parsed.Value, cancellationToken) is { } entry
            ? new RegistryResult(RegistryOutcome.Found, EmployerRegistryView.Of(entry), [])
            : new RegistryResult(RegistryOutcome.NotFound, null, []);
    }
}
