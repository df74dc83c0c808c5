using Azure;
using Azure.Data.Tables;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// Rebuilds the IIN index under the configured key from the profiles — the key rotation of SECURITY.md, run with
/// the app stopped: every profile's IIN is written under its MAC with the graduate's id and import hash, then every
/// index row not written by this run (the rows under the old key) is deleted. Idempotent: run again after a
/// failure, it ends in the same index. Reads each profile once; reports its progress every 1,000 profiles.
/// </summary>
public sealed class IinIndexRebuild(StorageClients storage, IinIndexKeys keys)
{
    public const int ProgressEvery = 1_000;

    public async Task<IinIndexRebuildResult> RunAsync(IProgress<IinIndexRebuildResult>? progress, CancellationToken cancellationToken,
        string profilesTable = StorageNames.GraduatesTable, string indexTable = StorageNames.IinIndexTable)
    {
        var profiles = storage.Table(profilesTable);
        var index = storage.Table(indexTable);
        await index.CreateIfNotExistsAsync(cancellationToken);
        var written = new HashSet<string>(StringComparer.Ordinal);
        var indexed = 0;
        var filter = GraduateStore.ProfileFilter;
        await foreach (var profile in profiles.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "Iin", "ImportHash"], cancellationToken: cancellationToken))
        {
            if (profile.GetString("Iin") is not { Length: > 0 } iin)
            {
                continue;
            }

            var (partition, row) = keys.For(iin);
            var entry = new TableEntity(partition, row) { ["GraduateId"] = profile.PartitionKey, ["ImportHash"] = profile.GetString("ImportHash") };
            await index.UpsertEntityAsync(entry, TableUpdateMode.Replace, cancellationToken);
            written.Add(Address(partition, row));
            if (++indexed % ProgressEvery == 0)
            {
                progress?.Report(new IinIndexRebuildResult(indexed, 0));
            }
        }

        var removed = 0;
        await foreach (var row in index.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            if (!written.Contains(Address(row.PartitionKey, row.RowKey)))
            {
                await index.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
                removed++;
            }
        }

        return new IinIndexRebuildResult(indexed, removed);
    }

    private static string Address(string partition, string row) => partition + "\n" + row;
}
