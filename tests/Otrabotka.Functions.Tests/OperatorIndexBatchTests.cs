using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Otrabotka.Domain;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases;
using Otrabotka.Functions.UseCases.OperatorDesk;
using Xunit.Abstractions;

namespace Otrabotka.Functions.Tests;

/// <summary>
/// The operators' index synced for many graduates at once (a feed chunk's, ADR 0028): it must leave exactly what one
/// graduate's sync leaves — each graduate's rows and nothing of their old ones, their membership, the dashboard
/// counters moved once — in far fewer calls; run again it changes nothing; and a graduate whose profile changed
/// again after the change being synced is not indexed from the older change (the dispatcher syncs them in full).
/// </summary>
[Collection(ScaleHostCollection.Name)]
public sealed class OperatorIndexBatchTests(ScaleHostFixture host, ITestOutputHelper output)
{
    private const int Graduates = 40;
    private const string Header = "iin;fullName;email;language;category;level;specialtyGroup;graduationDate;admissionYear;budgetCost;university;grantMonths;normativeMonths";

    [Fact]
    public async Task A_batched_sync_leaves_each_graduates_rows_membership_and_counters_as_one_by_one_and_runs_again_as_a_no_op()
    {
        var counter = new StorageCallCounter();
        using var services = TestServices.Build(ScaleHostFixture.ScaleConnectionString, counter);
        var graduates = await RegisterAsync(services, Graduates);
        var index = services.GetRequiredService<OperatorIndex>();

        // Half move to "completed" with a new region, a quarter to "exempt", the rest stay as they are.
        var changed = graduates.Select((g, i) => i % 2 == 0 ? g with { Status = ObligationStatus.Completed, Region = Region.Abai }
            : i % 4 == 1 ? g with { Status = ObligationStatus.Exempt } : g).ToList();
        // Every facet any graduate leaves or enters, with the move the counters must show (old facets down, new up).
        var expectedMoves = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (before, after) in graduates.Zip(changed))
        {
            foreach (var facet in OperatorIndexRows.Of(before).Facets)
            {
                expectedMoves[facet] = expectedMoves.GetValueOrDefault(facet) - 1;
            }

            foreach (var facet in OperatorIndexRows.Of(after).Facets)
            {
                expectedMoves[facet] = expectedMoves.GetValueOrDefault(facet) + 1;
            }
        }

        Assert.Contains(expectedMoves, move => move.Value < 0);
        var countsBefore = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var facet in expectedMoves.Keys)
        {
            countsBefore[facet] = await CountAsync(facet);
        }

        var callsBefore = counter.Total;
        var today = Almaty.Today(TimeProvider.System);
        var synced = changed.Select(g => (g, NextStatusChange.Of(g, [], today))).ToList();
        var failed = await index.SyncManyAsync(synced, null, CancellationToken.None);
        var calls = counter.Total - callsBefore;
        output.WriteLine($"batched sync of {Graduates} graduates ({Graduates * 3 / 4} changed): {calls} calls");

        Assert.Empty(failed);
        foreach (var graduate in changed)
        {
            var expected = OperatorIndexRows.Of(graduate, NextStatusChange.Of(graduate, [], today));
            Assert.Equal(expected.Rows.Select(OperatorIndexRows.Address).Order(StringComparer.Ordinal), await RowsOfAsync(graduate.Id));
            var member = await host.Storage.Table(StorageNames.OperatorCountersTable).GetEntityAsync<TableEntity>(OperatorIndex.ShardOf(graduate.Id), OperatorIndex.MemberPrefix + graduate.Id);
            Assert.Equal(expected.Fingerprint, member.Value.GetString("Fingerprint"));
        }

        foreach (var (facet, move) in expectedMoves)
        {
            Assert.True(move == await CountAsync(facet) - countsBefore[facet], $"{facet}: expected a move of {move}");
        }

        Assert.Equal(Graduates / 2, expectedMoves["status:completed"]);
        Assert.Equal(Graduates / 2, expectedMoves["region:abai"]);

        // One by one, each changed graduate costs a membership read, a write per row, a delete per row gone, the
        // moved counters' reads and a transaction (about 10 calls): the batch must cost well under half of that.
        Assert.True(calls < Graduates * 3 / 4 * 10 / 2, $"{calls} calls for {Graduates * 3 / 4} changed graduates");

        callsBefore = counter.Total;
        Assert.Empty(await index.SyncManyAsync(synced, null, CancellationToken.None));
        Assert.Equal(Graduates, counter.Total - callsBefore);
        foreach (var (facet, move) in expectedMoves)
        {
            Assert.True(move == await CountAsync(facet) - countsBefore[facet], $"{facet}: moved again by a sync that changed nothing");
        }
    }

    [Fact]
    public async Task A_graduate_changed_again_after_the_change_being_synced_is_left_to_the_dispatcher_not_indexed_from_the_older_change()
    {
        using var services = TestServices.Build(ScaleHostFixture.ScaleConnectionString, new StorageCallCounter());
        var graduates = await RegisterAsync(services, 2);
        var repository = services.GetRequiredService<GraduateRepository>();
        var indexes = services.GetRequiredService<IndexSync>();

        var current = await CommitNameAsync(repository, indexes, graduates[0].Id, "Жаңа Есім Бірінші");
        var older = await CommitNameAsync(repository, indexes, graduates[1].Id, "Ескі Өзгеріс Екінші");
        await CommitNameAsync(repository, indexes, graduates[1].Id, "Соңғы Өзгеріс Екінші");

        var failed = await indexes.ApplyManyAsync([current, older], CancellationToken.None);

        Assert.Equal([graduates[1].Id], failed);
        Assert.Equal(OperatorIndexRows.Of(current.Unit.Graduate with { Status = current.Unit.Graduate.Status ?? current.Prepared.Status }).Rows.Select(OperatorIndexRows.Address).Order(StringComparer.Ordinal), await RowsOfAsync(graduates[0].Id));
        var olderOnly = NameTokens.IndexKeys("Ескі Өзгеріс Екінші").Except(NameTokens.IndexKeys("Соңғы Өзгеріс Екінші")).Except(NameTokens.IndexKeys(graduates[1].FullName)).ToList();
        Assert.NotEmpty(olderOnly);
        var rows = await RowsOfAsync(graduates[1].Id);
        Assert.DoesNotContain(rows, address => olderOnly.Any(word => address.EndsWith("\n" + OperatorIndexRows.NameRow(word, graduates[1].Id), StringComparison.Ordinal)));
        Assert.Equal(OperatorIndexRows.Of(graduates[1]).Rows.Select(OperatorIndexRows.Address).Order(StringComparer.Ordinal), rows);
    }

    /// <summary>Loads a graduate, renames them, prepares the sync and commits the partition's rows (no index sync): the unit as a feed commit leaves it.</summary>
    private static async Task<(GraduateUnit Unit, PreparedSync Prepared)> CommitNameAsync(GraduateRepository repository, IndexSync indexes, string graduateId, string name)
    {
        var unit = (await repository.LoadAsync(graduateId, CancellationToken.None))!;
        unit.Update(unit.Graduate with { FullName = name });
        var prepared = indexes.Prepare(unit);
        await repository.CommitIndexesAsync(unit, CancellationToken.None);
        return (unit, prepared);
    }

    private async Task<List<GraduateRecord>> RegisterAsync(ServiceProvider services, int count)
    {
        var iins = Enumerable.Range(0, count).Select(_ => Api.NewIin()).ToList();
        var parsed = ImportRows.Parse(ImportHeader.Parse(Header)!, iins.Select(iin => $"{iin};Түлек Топтама {iin[^4..]};{iin}@batch.example.kz;kk;rural-quota;bachelor;pedagogical;2024-06-20;2020;3600000;ПМУ;;"), 2, TimeProvider.System.GetUtcNow());
        Assert.Empty(parsed.Problems);
        var tally = await services.GetRequiredService<ImportRegistrar>().RegisterAsync(parsed.Rows, "i" + Guid.NewGuid().ToString("N"), CancellationToken.None);
        Assert.Equal(count, tally.Registered);
        var repository = services.GetRequiredService<GraduateRepository>();
        var registry = services.GetRequiredService<GraduateRegistry>();
        var graduates = new List<GraduateRecord>();
        foreach (var iin in iins)
        {
            var id = (await registry.IdOfAsync(iin, CancellationToken.None))!;
            graduates.Add((await repository.LoadAsync(id, CancellationToken.None))!.Graduate);
        }

        return graduates;
    }

    /// <summary>Every operators' index row of a graduate, wherever it is (a scan: the test account is small).</summary>
    private async Task<List<string>> RowsOfAsync(string graduateId)
    {
        var rows = new List<string>();
        await foreach (var row in host.Storage.Table(StorageNames.OperatorIndexTable).QueryAsync<TableEntity>($"GraduateId eq '{graduateId}'", select: ["PartitionKey", "RowKey"]))
        {
            rows.Add(OperatorIndexRows.Address(row));
        }

        return [.. rows.Order(StringComparer.Ordinal)];
    }

    /// <summary>A dashboard counter summed over the shards (the collection runs one test at a time).</summary>
    private async Task<long> CountAsync(string facet)
    {
        var counters = host.Storage.Table(StorageNames.OperatorCountersTable);
        var rows = await Task.WhenAll(Enumerable.Range(0, OperatorIndex.Shards).Select(shard =>
            counters.GetEntityIfExistsAsync<TableEntity>(OperatorIndex.ShardName(shard), OperatorIndex.CounterPrefix + facet)));
        return rows.Sum(row => row.HasValue ? row.Value!.GetInt64("Count") ?? 0 : 0);
    }
}
