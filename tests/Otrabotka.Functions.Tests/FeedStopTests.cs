using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases;
using static Otrabotka.Functions.Tests.FeedApi;

namespace Otrabotka.Functions.Tests;

/// <summary>
/// Stops the feed sees without a row saying so, and files dropped where no Event Grid delivers their events. On the
/// feed-crash account (its collection runs alone), so the feed's coverage is what these tests import: the crash test
/// reports 2025 months only, these 2026-01 to 2026-04.
/// </summary>
[Collection(FeedCrashTests.Name)]
public sealed class FeedStopTests
{
    [Fact]
    public async Task A_graduate_no_longer_reported_by_a_later_file_is_told_once_that_contributions_stopped()
    {
        var host = new LocalHostFixture(FeedHostFixture.Settings, connection: FeedHostFixture.FeedCrashConnectionString);
        await host.InitializeAsync();
        try
        {
            var feed = new FeedApi(host);
            var bin = Api.ValidBin();
            await feed.PutEmployerAsync(bin);
            var (left, leftIin, _) = await feed.Api.RegisterAsync();
            var (stays, staysIin, _) = await feed.Api.RegisterAsync();
            await feed.ImportAsync(File([Row(leftIin, bin, "2026-01"), Row(leftIin, bin, "2026-02"), Row(staysIin, bin, "2026-01"), Row(staysIin, bin, "2026-02")]));
            Assert.Equal(1, await OutboxCountAsync(host, left, "feed-credited"));

            // The next file names only the one who stays: March is missing for the other, April has arrived, March's deadline (25 April) is past.
            var later = File([Row(staysIin, bin, "2026-03"), Row(staysIin, bin, "2026-04")]);
            await feed.ImportAsync(later);
            Assert.True(await LocalHostFixture.Eventually(async () => await OutboxCountAsync(host, left, "feed-stopped") == 1, TimeSpan.FromSeconds(30)), "no stop e-mail for the graduate the later file left out");
            Assert.Equal(0, await OutboxCountAsync(host, stays, "feed-stopped"));
            var watched = await WatchedAsync(host);
            Assert.DoesNotContain(left, watched);
            Assert.Contains(stays, watched);

            // Once only: the same file again (and its sweep) tells nobody anything new.
            await feed.ImportAsync(later);
            await Task.Delay(2000);
            Assert.Equal(1, await OutboxCountAsync(host, left, "feed-stopped"));
            Assert.Equal(0, await OutboxCountAsync(host, stays, "feed-stopped"));
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_file_dropped_into_feeds_is_started_by_the_sweep_where_no_blob_event_arrives()
    {
        using var services = TestServices.Build(FeedHostFixture.FeedCrashConnectionString, settings: SweepSettings);
        var storage = services.GetRequiredService<StorageClients>();
        await storage.EnsureCreatedAsync();
        var name = $"drop-{Guid.NewGuid():N}.csv";
        var blob = storage.Container(StorageNames.FeedsContainer).GetBlobClient(name);
        await blob.UploadAsync(BinaryData.FromString(File([Row(Api.NewIin(), Api.ValidBin(), "2026-01")])));
        var jobs = storage.Table(StorageNames.FeedJobsTable);
        Assert.Empty(await JobsForAsync(jobs, name));

        var sweep = services.GetRequiredService<SweepFeeds>();
        Assert.True(await sweep.RunAsync(CancellationToken.None) >= 1);
        await sweep.RunAsync(CancellationToken.None);

        var job = Assert.Single(await JobsForAsync(jobs, name));
        Assert.Equal(("drop", true), (job.GetString("Source"), job.GetBoolean("PlanQueued")));
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

    private static async Task<List<string>> WatchedAsync(LocalHostFixture host)
    {
        var ids = new List<string>();
        await foreach (var row in host.Storage.Table(StorageNames.FeedFlagsTable).QueryAsync<TableEntity>($"PartitionKey eq '{FeedFindings.WatchPartition}'"))
        {
            ids.Add(row.GetString("GraduateId")!);
        }

        return ids;
    }

    private static async Task<List<TableEntity>> JobsForAsync(TableClient jobs, string blobName)
    {
        var found = new List<TableEntity>();
        await foreach (var row in jobs.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {FeedJobs.JobKey} and Blob eq {blobName}")))
        {
            found.Add(row);
        }

        return found;
    }

    private static readonly Dictionary<string, string?> SweepSettings = new() { ["Intake:SweepMinimumAgeSeconds"] = "0" };
}
