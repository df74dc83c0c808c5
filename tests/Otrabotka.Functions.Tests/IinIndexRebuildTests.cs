using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Otrabotka.Domain;
using Otrabotka.Functions.Configuration;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.Tests;

/// <summary>
/// The IIN index rebuilt under a new key from the profiles (SECURITY.md's key rotation), on Azurite, in tables of
/// the test's own so the hosts' index is untouched: every profile found under the new key, the old key's rows gone,
/// a second run changes nothing.
/// </summary>
public sealed class IinIndexRebuildTests
{
    private const string OldKey = "old-iin-index-key-0123456789abcdefghij";
    private const string NewKey = "new-iin-index-key-0123456789abcdefghij";

    [Fact]
    public async Task A_rebuild_under_a_new_key_finds_every_graduate_and_leaves_no_row_of_the_old_key()
    {
        var storage = new StorageClients(StorageConnection.From(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = LocalHostFixture.StorageConnectionString }).Build()));
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var profilesTable = "rebuildprofiles" + suffix;
        var indexTable = "rebuildindex" + suffix;
        var profiles = storage.Table(profilesTable);
        await profiles.CreateIfNotExistsAsync();
        var index = storage.Table(indexTable);
        await index.CreateIfNotExistsAsync();
        var old = Keys(OldKey);
        var graduates = Enumerable.Range(0, 5).Select(i => (Id: GraduateStore.NewId('g'), Iin: Api.NewIin(), Hash: $"hash{i}")).ToList();
        foreach (var ((id, iin, hash), number) in graduates.Select((graduate, number) => (graduate, number)))
        {
            // Every other profile under the row key all profiles shared before ADR 0022: the rebuild reads both.
            var profileKey = number % 2 == 0 ? GraduateStore.LegacyProfileKey : GraduateStore.ProfileKey(id);
            await profiles.AddEntityAsync(new TableEntity(id, profileKey) { ["Iin"] = iin, ["ImportHash"] = hash });
            var (partition, row) = old.For(iin);
            await index.AddEntityAsync(new TableEntity(partition, row) { ["GraduateId"] = id, ["ImportHash"] = hash });
        }

        var rebuild = new IinIndexRebuild(storage, Keys(NewKey));
        var first = await rebuild.RunAsync(null, CancellationToken.None, profilesTable, indexTable);
        var again = await rebuild.RunAsync(null, CancellationToken.None, profilesTable, indexTable);

        Assert.Equal(new IinIndexRebuildResult(5, 5), first);
        Assert.Equal(new IinIndexRebuildResult(5, 0), again);
        var rows = new List<TableEntity>();
        await foreach (var row in index.QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        Assert.Equal(5, rows.Count);
        foreach (var (id, iin, hash) in graduates)
        {
            var (partition, row) = Keys(NewKey).For(iin);
            var entry = Assert.Single(rows, r => r.PartitionKey == partition && r.RowKey == row);
            Assert.Equal((id, hash), (entry.GetString("GraduateId"), entry.GetString("ImportHash")));
            Assert.DoesNotContain(rows, r => r.RowKey == old.For(iin).Row || r.RowKey.Contains(iin, StringComparison.Ordinal));
        }

        await profiles.DeleteAsync();
        await index.DeleteAsync();
    }

    private static IinIndexKeys Keys(string key) => new(Options.Create(new IinIndexSettings { Key = key }));
}
