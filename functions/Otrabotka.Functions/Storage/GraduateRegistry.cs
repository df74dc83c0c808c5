using Azure;
using Azure.Data.Tables;
using Otrabotka.Domain;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// Who is registered: the IIN index (its own table, IIN → opaque id) and the profiles, read by point
/// reads and searched by operators. The index row is written first: it decides who owns an IIN, and a
/// profile without it is never reachable.
/// </summary>
public sealed class GraduateRegistry(StorageClients storage, IinIndexKeys iinKeys, KnownGraduates known)
{
    private TableClient Profiles => storage.Table(StorageNames.GraduatesTable);
    private TableClient IinIndex => storage.Table(StorageNames.IinIndexTable);

    public async Task<GraduateRecord?> GetAsync(string graduateId, CancellationToken cancellationToken)
    {
        if (!GraduateData.SafeKey(graduateId))
        {
            return null;
        }

        // A profile stored before ADR 0022 has the old shared key: a second point read finds it.
        foreach (var key in (string[])[GraduateStore.ProfileKey(graduateId), GraduateStore.LegacyProfileKey])
        {
            var found = await Profiles.GetEntityIfExistsAsync<TableEntity>(graduateId, key, cancellationToken: cancellationToken);
            if (found.HasValue && found.Value is { } entity)
            {
                return GraduateStore.ToGraduate(entity);
            }
        }

        return null;
    }

    /// <summary>The id the IIN index gives an IIN: remembered on this instance once a profile confirmed it (<see cref="KnownGraduates"/>).</summary>
    public async Task<string?> IdOfAsync(string iin, CancellationToken cancellationToken)
    {
        var (partition, row) = IinKeys(iin);
        if (known.TryGet(row, out var knownId))
        {
            return knownId;
        }

        var index = await IinIndex.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
        return index.HasValue && index.Value is { } entry ? entry.GetString("GraduateId") : null;
    }

    /// <summary>Claims the IIN for a new id, taking over an index row whose profile was never written; a live owner is a concurrent change.</summary>
    public async Task ClaimIinAsync(string iin, string graduateId, string? importHash, CancellationToken cancellationToken)
    {
        var (partition, row) = IinKeys(iin);
        try
        {
            // The import's hash beside the id lets a bulk import tell "unchanged" from "changed" without reading the profile.
            await IinIndex.AddEntityAsync(new TableEntity(partition, row) { ["GraduateId"] = graduateId, ["ImportHash"] = importHash }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var stale = await IinIndex.GetEntityAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
            if (await GetAsync(stale.Value.GetString("GraduateId")!, cancellationToken) is not null)
            {
                throw new ConcurrentChangeException("The IIN was registered concurrently.", ex);
            }

            await IinIndex.UpdateEntityAsync(new TableEntity(partition, row) { ["GraduateId"] = graduateId, ["ImportHash"] = importHash }, stale.Value.ETag, TableUpdateMode.Replace, cancellationToken);
        }
    }

    public async Task AddAsync(GraduateRecord graduate, CancellationToken cancellationToken)
    {
        await Profiles.AddEntityAsync(GraduateStore.ToEntity(graduate), cancellationToken);
        Confirmed(graduate);
    }

    /// <summary>A profile read or written: its IIN's owner is remembered, so the graduate's next requests skip the index read.</summary>
    public void Confirmed(GraduateRecord graduate)
    {
        if (Iin.Parse(graduate.Iin).IsValid)
        {
            known.Remember(IinKeys(graduate.Iin).Row, graduate.Id);
        }
    }

    public async Task UpdateAsync(GraduateRecord graduate, CancellationToken cancellationToken)
    {
        try
        {
            await Profiles.UpdateEntityAsync(GraduateStore.ToEntity(graduate), graduate.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            throw new ConcurrentChangeException("The profile changed concurrently.", ex);
        }
    }

    /// <summary>One page of profiles matching the filter; BadToken when the continuation token is not ours.</summary>
    public async Task<(IReadOnlyList<GraduateRecord> Profiles, string? Next, bool BadToken)> PageAsync(GraduateFilter filter, string? continuationToken, CancellationToken cancellationToken)
    {
        var clauses = new List<string> { GraduateStore.ProfileFilter };
        GraduateData.AddEquals(clauses, "Status", filter.Status);
        GraduateData.AddEquals(clauses, "Category", filter.Category);
        GraduateData.AddEquals(clauses, "Region", filter.Region);
        var (page, bad) = await TablePages.FirstAsync(Profiles, string.Join(" and ", clauses), continuationToken, 100, cancellationToken);
        return page is null ? ([], null, bad) : (page.Values.Select(GraduateStore.ToGraduate).ToList(), page.ContinuationToken, false);
    }

    /// <summary>The IIN index's keys: partitioned by the IIN's first two digits.</summary>
    /// <summary>The IIN index row of an IIN: keyed by its HMAC, never the IIN itself (<see cref="IinIndexKeys"/>).</summary>
    public (string Partition, string Row) IinKeys(string iin) => iinKeys.For(iin);
}
