using System.Net;
using Azure;
using Azure.Data.Tables;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.Tests;

/// <summary>
/// The IIN index is keyed by HMAC-SHA256(IinIndex:Key, IIN); rows from before (the IIN as row key) are
/// re-keyed by the start-up migration, after which their graduates are found again and no row key is an IIN.
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed class IinIndexTests(LocalHostFixture host)
{
    private readonly Api api = new(host);

    private TableClient Index => host.Storage.Table(StorageNames.IinIndexTable);

    [Fact]
    public async Task A_registration_writes_an_index_row_keyed_by_the_MAC_not_by_the_IIN()
    {
        var (graduateId, iin, _) = await api.RegisterAsync();

        var (partition, row) = host.Service<IinIndexKeys>().For(iin);
        var keyed = await Index.GetEntityAsync<TableEntity>(partition, row);
        Assert.Equal(graduateId, keyed.Value.GetString("GraduateId"));
        Assert.Matches("^[0-9a-f]{64}$", row);
        Assert.DoesNotContain(iin, partition + row, StringComparison.Ordinal);
        var (legacyPartition, legacyRow) = IinIndexKeys.Legacy(iin);
        Assert.False((await Index.GetEntityIfExistsAsync<TableEntity>(legacyPartition, legacyRow)).HasValue);
    }

    [Fact]
    public async Task A_store_with_legacy_rows_finds_its_graduates_after_the_migration_and_a_second_run_changes_nothing()
    {
        var (graduateId, iin, token) = await api.RegisterAsync();
        var (other, otherIin, otherToken) = await api.RegisterAsync();
        await MakeLegacyAsync(iin, keepKeyed: false);
        // As if an earlier run copied this one and stopped before deleting the old row.
        await MakeLegacyAsync(otherIin, keepKeyed: true);
        // A store with legacy rows is met by a freshly deployed instance: nothing remembered from before.
        host.Service<KnownGraduates>().Clear();

        using (var before = await api.SendAsync(HttpMethod.Get, "/api/me", token))
        {
            Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        }

        var migration = host.Service<IinIndexMigration>();
        Assert.Equal(2, await migration.RunAsync(CancellationToken.None));

        Assert.Equal(graduateId, (await api.JsonAsync(HttpMethod.Get, "/api/me", token))["graduateId"]!.GetValue<string>());
        Assert.Equal(other, (await api.JsonAsync(HttpMethod.Get, "/api/me", otherToken))["graduateId"]!.GetValue<string>());
        var search = await api.JsonAsync(HttpMethod.Post, "/api/graduates/search", api.OperatorToken, new { iin });
        Assert.Contains(graduateId, search.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(Index.Query<TableEntity>(IinIndexKeys.LegacyFilter).ToList());

        Assert.Equal(0, await migration.RunAsync(CancellationToken.None));
        Assert.Equal(graduateId, (await api.JsonAsync(HttpMethod.Get, "/api/me", token))["graduateId"]!.GetValue<string>());

        // Registering the same person again is recognised, not doubled (the index decides who owns the IIN).
        using var again = await api.SendAsync(HttpMethod.Post, "/api/graduates", api.OperatorToken, new
        {
            iin = otherIin, fullName = "Айгерім Сапарова", email = $"{otherIin}@graduate.example.kz", language = "kk", category = "state-order-other",
            level = "bachelor", specialtyGroup = "technical", graduationDate = "2025-06-20", admissionYear = 2021, budgetCost = 3_600_000.00m,
            university = "Л.Н. Гумилев атындағы ЕҰУ", grantMonths = (int?)null, normativeMonths = (int?)null,
        });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains(other, await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Rewrites a graduate's index row in the pre-HMAC form: partition "iin" + two digits, the IIN as row key.</summary>
    private async Task MakeLegacyAsync(string iin, bool keepKeyed)
    {
        var (partition, row) = host.Service<IinIndexKeys>().For(iin);
        var keyed = (await Index.GetEntityAsync<TableEntity>(partition, row)).Value;
        var (legacyPartition, legacyRow) = IinIndexKeys.Legacy(iin);
        var legacy = new TableEntity(legacyPartition, legacyRow);
        foreach (var (name, value) in keyed.Where(p => p.Key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")))
        {
            legacy[name] = value;
        }

        await Index.AddEntityAsync(legacy);
        if (!keepKeyed)
        {
            await Index.DeleteEntityAsync(partition, row, ETag.All);
        }
    }
}
