using Azure.Data.Tables;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases;
using static Otrabotka.Functions.Tests.FeedApi;

namespace Otrabotka.Functions.Tests;

/// <summary>
/// A feed import whose host is stopped in the middle and started again (a new host on the same storage): the
/// import resumes from its queue and ends with every month once, every credited e-mail once, the counts exact.
/// Its own storage account (feedcrash1), so no other host takes its messages.
/// </summary>
[Collection(Name)]
public sealed class FeedCrashTests
{
    public const string Name = "feed crash";

    private static readonly Dictionary<string, string?> Settings = new(FeedHostFixture.Settings)
    {
        ["Feed:ChunkRows"] = "1",
        ["Feed:Parallelism"] = "1",
        ["AzureFunctionsJobHost:extensions:queues:batchSize"] = "2",
        ["AzureFunctionsJobHost:extensions:queues:newBatchThreshold"] = "0",
    };

    [Fact]
    public async Task A_host_stopped_in_the_middle_of_an_import_and_started_again_resumes_and_loses_or_doubles_nothing()
    {
        const int graduates = 40;
        var first = new LocalHostFixture(Settings, connection: FeedHostFixture.FeedCrashConnectionString);
        await first.InitializeAsync();
        var feed = new FeedApi(first);
        var bin = Api.ValidBin();
        await feed.PutEmployerAsync(bin);
        var registered = new List<(string Id, string Iin)>();
        for (var i = 0; i < graduates; i++)
        {
            var (id, iin, _) = await feed.Api.RegisterAsync();
            registered.Add((id, iin));
        }

        var file = File(registered.Select(g => new[] { Row(g.Iin, bin, "2025-09"), Row(g.Iin, bin, "2025-10"), Row(g.Iin, bin, "2025-11") }).ToArray());
        var (_, body, location) = await feed.UploadAsync(file);
        var importId = body["importId"]!.GetValue<string>();
        var jobs = first.Storage.Table(StorageNames.FeedJobsTable);
        Assert.True(await LocalHostFixture.Eventually(async () => await DoneChunksAsync(jobs, importId) >= 3, TimeSpan.FromSeconds(60)));
        await first.DisposeAsync();
        var doneAtStop = await DoneChunksAsync(jobs, importId);
        Assert.True(doneAtStop < graduates * 3, $"the import finished before the host stopped ({doneAtStop} chunks)");

        var second = new LocalHostFixture(Settings, connection: FeedHostFixture.FeedCrashConnectionString);
        await second.InitializeAsync();
        try
        {
            var again = new FeedApi(second);
            if (!await LocalHostFixture.Eventually(async () => (await again.Api.JsonAsync(HttpMethod.Get, location!, again.Api.OperatorToken))["done"]!.GetValue<bool>(), TimeSpan.FromSeconds(30)))
            {
                // A message the stopped host had taken stays hidden for its lease (minutes) before it comes back;
                // the plan delivered again re-queues every unfinished chunk at once (a chunk done is skipped).
                await second.Storage.Queue(StorageNames.FeedQueue).SendMessageAsync($"plan|{importId}");
            }

            var status = await again.DoneAsync(location!);
            Assert.Equal((graduates * 3, graduates * 3, 0, 0), (Int(status, "rowsRead"), Int(status, "applied"), Int(status, "unchanged"), Int(status, "errorCount")));

            // A chunk cut short after its writes (as if the worker died before recording it) and delivered twice more.
            var chunk = (await jobs.GetEntityAsync<TableEntity>(importId, FeedFileCut.ChunkKey(5))).Value;
            chunk["Done"] = false;
            await jobs.UpdateEntityAsync(chunk, chunk.ETag, TableUpdateMode.Replace);
            await second.Storage.Queue(StorageNames.FeedQueue).SendMessageAsync($"chunk|{importId}|5");
            await second.Storage.Queue(StorageNames.FeedQueue).SendMessageAsync($"chunk|{importId}|5");
            var rerun = await again.DoneAsync(location!);
            Assert.Equal(graduates * 3, Int(rerun, "applied"));

            var table = second.Storage.Table(StorageNames.GraduatesTable);
            foreach (var (id, _) in registered)
            {
                var rows = new List<TableEntity>();
                await foreach (var row in table.QueryAsync<TableEntity>(FeedPartition.Filter(id)))
                {
                    rows.Add(row);
                }

                Assert.Equal(3, rows.Count(r => r.RowKey.StartsWith(StoredFeedMonth.Prefix, StringComparison.Ordinal)));
                var credited = 0;
                await foreach (var _ in table.QueryAsync<TableEntity>($"PartitionKey eq '{id}' and Kind eq 'feed-credited'"))
                {
                    credited++;
                }

                Assert.Equal(1, credited);
                var period = Assert.Single((await again.ObligationAsync(id))["periods"]!.AsArray())!;
                Assert.Equal(3, period["months"]!.AsArray().Count);
            }
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    private static async Task<int> DoneChunksAsync(TableClient jobs, string importId)
    {
        var done = 0;
        await foreach (var row in jobs.QueryAsync<TableEntity>($"PartitionKey eq '{importId}' and Done eq true", select: ["RowKey"]))
        {
            done++;
        }

        return done;
    }
}

[CollectionDefinition(FeedCrashTests.Name)]
public sealed class FeedCrashCollection;
