using Azure.Data.Tables;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases;
using static Otrabotka.Functions.Tests.FeedApi;

namespace Otrabotka.Functions.Tests;

/// <summary>
/// A feed chunk whose time budget runs out stops taking graduates and queues itself again for the rest (no execution
/// over a minute, ADR 0009): with a budget of 0 every execution takes one graduate, so one chunk of six graduates runs
/// six times — and still counts every row, every problem and every e-mail once. On the feed-crash account (its
/// collection runs alone), with 2025 months only, so the stop tests' coverage is not moved.
/// </summary>
[Collection(FeedCrashTests.Name)]
public sealed class FeedChunkBudgetTests
{
    private static readonly Dictionary<string, string?> Settings = new(FeedHostFixture.Settings)
    {
        ["Feed:ChunkRows"] = "100",
        ["Feed:ChunkSeconds"] = "0",
    };

    [Fact]
    public async Task A_chunk_out_of_time_goes_on_in_the_next_execution_and_counts_everything_once()
    {
        const int graduates = 6;
        var host = new LocalHostFixture(Settings, connection: FeedHostFixture.FeedCrashConnectionString);
        await host.InitializeAsync();
        try
        {
            var feed = new FeedApi(host);
            var bin = Api.ValidBin();
            await feed.PutEmployerAsync(bin);
            var registered = new List<(string Id, string Iin)>();
            for (var i = 0; i < graduates; i++)
            {
                var (id, iin, _) = await feed.Api.RegisterAsync();
                registered.Add((id, iin));
            }

            var rows = registered.SelectMany(g => new[] { Row(g.Iin, bin, "2025-09"), Row(g.Iin, bin, "2025-10") })
                .Append(Row(registered[0].Iin, bin, "2025-13")).Append(Row(Api.NewIin(), bin, "2025-10")).ToArray();
            var status = await feed.ImportAsync(File(rows));

            Assert.Equal((1, graduates * 2 + 2, graduates * 2, 0, 2), (Int(status, "chunks"), Int(status, "rowsRead"), Int(status, "applied"), Int(status, "unchanged"), Int(status, "errorCount")));
            var importId = status["importId"]!.GetValue<string>();
            var chunk = (await host.Storage.Table(StorageNames.FeedJobsTable).GetEntityAsync<TableEntity>(importId, FeedFileCut.ChunkKey(0))).Value;
            Assert.Equal(graduates + 1, chunk.GetInt32("Executions")); // the six registered and the unknown IIN, one an execution
            foreach (var (id, _) in registered)
            {
                Assert.Equal(1, await OutboxCountAsync(host, id, "feed-credited"));
            }
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    private static async Task<int> OutboxCountAsync(LocalHostFixture host, string graduateId, string kind)
    {
        var count = 0;
        await foreach (var _ in host.Storage.Table(StorageNames.GraduatesTable).QueryAsync<TableEntity>($"PartitionKey eq '{graduateId}' and Kind eq '{kind}'", select: ["RowKey"]))
        {
            count++;
        }

        return count;
    }
}
