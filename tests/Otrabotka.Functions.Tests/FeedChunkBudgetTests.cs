using Azure.Data.Tables;
using Otrabotka.Domain;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.Texts;
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

    /// <summary>
    /// With no time left to sync the chunk's graduates together (Feed:SyncSeconds 0), every graduate's held row goes to
    /// the dispatcher unsynced (the log counts them all): it syncs the graduate in full, then sends the e-mail — each
    /// graduate's "credited" e-mail arrives once, and their operators' index rows carry the profile's status.
    /// </summary>
    [Fact]
    public async Task Graduates_left_unsynced_when_the_executions_time_runs_out_are_synced_by_the_dispatcher()
    {
        const int graduates = 4;
        var host = new LocalHostFixture(new Dictionary<string, string?>(FeedHostFixture.Settings) { ["Feed:SyncSeconds"] = "0" }, connection: FeedHostFixture.FeedCrashConnectionString);
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

            var status = await feed.ImportAsync(File(registered.Select(g => new[] { Row(g.Iin, bin, "2025-09"), Row(g.Iin, bin, "2025-10") }).ToArray()));
            Assert.Equal((graduates * 2, 0), (Int(status, "applied"), Int(status, "errorCount")));
            // Every graduate of the file's chunks was left to the dispatcher (the fixture's chunks hold two graduates each).
            var left = host.Logs.Entries.Select(line => System.Text.RegularExpressions.Regex.Match(line, "Index sync of ([0-9]+) graduates left to the dispatcher")).Where(m => m.Success).Sum(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(graduates, left);

            var subject = TextCatalog.Default.Get("mail.feed-credited.subject", Language.Kk);
            foreach (var (id, iin) in registered)
            {
                var email = $"{iin}@graduate.example.kz";
                Assert.True(await LocalHostFixture.Eventually(() => Task.FromResult(host.Mail.Newest(email).Any(m => m.Subject == subject)), TimeSpan.FromSeconds(30)), $"{id}: no e-mail");
                var profile = await ProfileStatusAsync(host, id);
                var indexed = await IndexedStatusesAsync(host, id);
                Assert.True(profile is not null && indexed.Count > 0 && indexed.All(s => s == profile), $"{id}: index rows {string.Join(",", indexed)}, profile {profile}");
                Assert.Equal(1, await OutboxCountAsync(host, id, "feed-credited"));
            }

            await Task.Delay(1500);
            Assert.All(registered, g => Assert.Single(host.Mail.Newest($"{g.Iin}@graduate.example.kz"), m => m.Subject == subject));
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    private static async Task<string?> ProfileStatusAsync(LocalHostFixture host, string graduateId)
    {
        await foreach (var row in host.Storage.Table(StorageNames.GraduatesTable).QueryAsync<TableEntity>($"PartitionKey eq '{graduateId}' and RowKey eq '{GraduateStore.ProfileKey(graduateId)}'"))
        {
            return row.GetString("Status");
        }

        return null;
    }

    /// <summary>The status each of the graduate's operators' index rows carries.</summary>
    private static async Task<List<string?>> IndexedStatusesAsync(LocalHostFixture host, string graduateId)
    {
        var statuses = new List<string?>();
        await foreach (var row in host.Storage.Table(StorageNames.OperatorIndexTable).QueryAsync<TableEntity>($"GraduateId eq '{graduateId}'", select: ["Status"]))
        {
            statuses.Add(row.GetString("Status"));
        }

        return statuses;
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
