using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Otrabotka.Domain;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// The employer registry table: one partition per BIN, one row <c>entry|{BIN}</c>. Writes are conditional on the
/// content: an entry equal to the stored one is not written again (a re-import changes nothing). The row key repeats
/// the BIN to be its own in the table (ADR 0022: Azurite finds a row by its row key first, and the old key "entry",
/// the same for every employer, made each read and write walk the whole registry); an entry stored under the old key
/// is still found (a second point read, only for an old entry or an unknown BIN) and updated in place.
/// </summary>
public sealed class EmployerRegistryStore(StorageClients storage)
{
    /// <summary>The row key before ADR 0022's paragraph on the registry: the same in every employer's partition.</summary>
    public const string LegacyEntryKey = "entry";

    public static string EntryKey(Bin bin) => $"{LegacyEntryKey}|{bin.Value}";

    private TableClient Table => storage.Table(StorageNames.EmployerRegistryTable);

    public async Task<EmployerRegistryEntry?> FindAsync(Bin bin, CancellationToken cancellationToken) =>
        (await FindRowAsync(bin, cancellationToken))?.Entry;

    /// <summary>Writes the entry unless the stored one is the same; says whether it wrote, or an earlier run of the same job did.</summary>
    public async Task<bool> PutAsync(EmployerRegistryEntry entry, string jobId, CancellationToken cancellationToken)
    {
        var stored = await FindRowAsync(entry.Bin, cancellationToken);
        var content = Content(entry);
        if (stored is { } row && row.Content == content)
        {
            return row.JobId == jobId;
        }

        var entity = new TableEntity(entry.Bin.Value, stored?.StoredKey ?? EntryKey(entry.Bin)) { ["Entry"] = content, ["JobId"] = jobId };
        await Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        return true;
    }

    /// <summary>A per-chunk cache of registry reads: each BIN is read once per chunk however many rows name it.</summary>
    public Func<Bin, CancellationToken, Task<EmployerRegistryEntry?>> Cached()
    {
        var cache = new ConcurrentDictionary<string, Lazy<Task<EmployerRegistryEntry?>>>(StringComparer.Ordinal);
        return (bin, cancellationToken) => cache.GetOrAdd(bin.Value, _ => new Lazy<Task<EmployerRegistryEntry?>>(() => FindAsync(bin, cancellationToken))).Value;
    }

    public static string Content(EmployerRegistryEntry entry) => JsonSerializer.Serialize(EmployerRegistryView.Of(entry), Json.Options);

    /// <summary>The entry under its own row key, else under the old shared one; with the key it was found under.</summary>
    private async Task<(EmployerRegistryEntry Entry, string Content, string? JobId, string StoredKey)?> FindRowAsync(Bin bin, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(bin.Value, EntryKey(bin), cancellationToken: cancellationToken);
        if (!found.HasValue)
        {
            found = await Table.GetEntityIfExistsAsync<TableEntity>(bin.Value, LegacyEntryKey, cancellationToken: cancellationToken);
        }

        if (!found.HasValue || found.Value is not { } entity || entity.GetString("Entry") is not { } content)
        {
            return null;
        }

        var view = JsonSerializer.Deserialize<EmployerRegistryView>(content, Json.Options);
        return view?.ToEntry() is { } entry ? (entry, content, entity.GetString("JobId"), entity.RowKey) : null;
    }
}

/// <summary>A registry entry on the wire and in storage: enumerations as the API's wire values, lists as arrays.</summary>
public sealed record EmployerRegistryView(
    string Bin,
    string Name,
    IReadOnlyList<OrganisationKind> OrganisationKinds,
    Ownership Ownership,
    Region Region,
    SettlementType SettlementType,
    string? KatoCode,
    IReadOnlyList<string> EmailDomains,
    string Source,
    DateOnly AsOf)
{
    public static EmployerRegistryView Of(EmployerRegistryEntry entry) =>
        new(entry.Bin.Value, entry.Name, entry.Kinds, entry.Ownership, entry.Region, entry.Settlement, entry.KatoCode, entry.EmailDomains, entry.Source, entry.AsOf);

    /// <summary>The entry through the registry's own row rules (check digit, values, KATO region, domains).</summary>
    public RegistryLine Check(int line) => EmployerRegistryCsv.Entry(line,
    [
        Bin ?? "", Name ?? "", string.Join(';', (OrganisationKinds ?? []).Select(k => Wire.Name(k))), Wire.Name(Ownership), Wire.Name(Region), Wire.Name(SettlementType),
        KatoCode ?? "", string.Join(';', EmailDomains ?? []), Source ?? "", AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    ]);

    public EmployerRegistryEntry? ToEntry() => Check(0).Entry;
}
