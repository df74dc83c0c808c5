using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Otrabotka.Domain;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// The employer registry table: one partition per BIN, one row "entry". Writes are conditional on the content:
/// an entry equal to the stored one is not written again (a re-import changes nothing). An upload's validation reads
/// an entry through <see cref="FindRecentAsync"/>: what this instance read of a BIN in the last
/// <see cref="RecentFor"/> is answered again without a call (ADR 0032).
/// </summary>
public sealed class EmployerRegistryStore(StorageClients storage, TimeProvider? elapsed = null)
{
    public const string EntryKey = "entry";

    /// <summary>How long an entry (or its absence) read by this instance is answered again: a registry edit made on another instance reaches uploads within it.</summary>
    public static readonly TimeSpan RecentFor = TimeSpan.FromSeconds(60);

    /// <summary>BINs remembered at most (cleared when full), about 2 MB.</summary>
    public const int RecentCapacity = 10_000;

    private readonly ConcurrentDictionary<string, (EmployerRegistryEntry? Entry, long ReadAt)> recent = new(StringComparer.Ordinal);
    private readonly TimeProvider clock = elapsed ?? TimeProvider.System;
    private long writes;

    private TableClient Table => storage.Table(StorageNames.EmployerRegistryTable);

    public async Task<EmployerRegistryEntry?> FindAsync(Bin bin, CancellationToken cancellationToken) =>
        (await FindRowAsync(bin, cancellationToken))?.Entry;

    /// <summary>
    /// The entry (or none) as this instance read it within <see cref="RecentFor"/>, else read now: an employer named
    /// by many uploads costs one read a minute. This instance's own writes replace what it remembers at once.
    /// </summary>
    public async Task<EmployerRegistryEntry?> FindRecentAsync(Bin bin, CancellationToken cancellationToken)
    {
        if (recent.TryGetValue(bin.Value, out var remembered) && clock.GetElapsedTime(remembered.ReadAt) < RecentFor)
        {
            return remembered.Entry;
        }

        var readAt = clock.GetTimestamp();
        var writesBefore = Interlocked.Read(ref writes);
        var entry = await FindAsync(bin, cancellationToken);
        if (Interlocked.Read(ref writes) != writesBefore)
        {
            // This instance wrote meanwhile: what was read may be older than its write, so it is not remembered.
            return entry;
        }

        if (recent.Count >= RecentCapacity)
        {
            recent.Clear();
        }

        recent[bin.Value] = (entry, readAt);
        return entry;
    }

    /// <summary>Writes the entry unless the stored one is the same; says whether it wrote, or an earlier run of the same job did.</summary>
    public async Task<bool> PutAsync(EmployerRegistryEntry entry, string jobId, CancellationToken cancellationToken)
    {
        var stored = await FindRowAsync(entry.Bin, cancellationToken);
        var content = Content(entry);
        if (stored is { } row && row.Content == content)
        {
            return row.JobId == jobId;
        }

        var entity = new TableEntity(entry.Bin.Value, EntryKey) { ["Entry"] = content, ["JobId"] = jobId };
        Interlocked.Increment(ref writes);
        recent.TryRemove(entry.Bin.Value, out _);
        await Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        Interlocked.Increment(ref writes);
        recent.TryRemove(entry.Bin.Value, out _);
        return true;
    }

    /// <summary>A per-chunk cache of registry reads: each BIN is read once per chunk however many rows name it.</summary>
    public Func<Bin, CancellationToken, Task<EmployerRegistryEntry?>> Cached()
    {
        var cache = new ConcurrentDictionary<string, Lazy<Task<EmployerRegistryEntry?>>>(StringComparer.Ordinal);
        return (bin, cancellationToken) => cache.GetOrAdd(bin.Value, _ => new Lazy<Task<EmployerRegistryEntry?>>(() => FindAsync(bin, cancellationToken))).Value;
    }

    public static string Content(EmployerRegistryEntry entry) => JsonSerializer.Serialize(EmployerRegistryView.Of(entry), Json.Options);

    private async Task<(EmployerRegistryEntry Entry, string Content, string? JobId)?> FindRowAsync(Bin bin, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(bin.Value, EntryKey, cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value is not { } entity || entity.GetString("Entry") is not { } content)
        {
            return null;
        }

        var view = JsonSerializer.Deserialize<EmployerRegistryView>(content, Json.Options);
        return view?.ToEntry() is { } entry ? (entry, content, entity.GetString("JobId")) : null;
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
