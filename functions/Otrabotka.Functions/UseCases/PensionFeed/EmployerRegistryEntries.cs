using Otrabotka.Domain;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>How a registry request ended.</summary>
public enum RegistryOutcome
{
    Found,
    Saved,
    NotFound,
    Invalid,
}

/// <summary>A registry answer: the entry, or the reasons it was refused (each a named rule of the registry).</summary>
public sealed record RegistryResult(RegistryOutcome Outcome, EmployerRegistryView? Entry, IReadOnlyList<Reason> Reasons);

/// <summary>An operator reads or edits one registry entry; the same row rules as an import (a wrong check digit is refused).</summary>
public sealed class EmployerRegistryEntries(EmployerRegistryStore registry)
{
    public async Task<RegistryResult> GetAsync(string bin, CancellationToken cancellationToken)
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

    /// <summary>Writes the entry under the BIN of the route; a body naming another BIN is refused.</summary>
    public async Task<RegistryResult> PutAsync(string bin, RegistryJsonItem item, string operatorId, CancellationToken cancellationToken)
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

/// <summary>Reasons of the registry's API that the domain's row rules do not name.</summary>
public static class RegistryReasons
{
    public static Reason BinMismatch => new("registry-bin-mismatch", Texts.TextCatalog.Default.Text("feed.bin-mismatch"));
}
