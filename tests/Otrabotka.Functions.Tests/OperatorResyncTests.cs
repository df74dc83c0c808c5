using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.Tests;

/// <summary>The re-sync of the operators' index (issue 15) through the local host on Azurite: lost rows found again, nothing counted twice.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class OperatorResyncTests(LocalHostFixture host)
{
    private readonly Api api = new(host);

    private async Task<List<string>> FindAsync(string query)
    {
        var page = await api.JsonAsync(HttpMethod.Get, "/api/operator/graduates?q=" + Uri.EscapeDataString(query), api.OperatorToken);
        return page["items"]!.AsArray().Select(item => item!["graduateId"]!.GetValue<string>()).ToList();
    }

    private async Task<long> TotalAsync() => (await api.JsonAsync(HttpMethod.Get, "/api/operator/dashboard", api.OperatorToken))["total"]!.GetValue<long>();

    /// <summary>Graduates with a profile but no membership row: the ones a re-sync adds to the counters.</summary>
    private async Task<(int Profiles, int Unindexed)> ProfilesAsync()
    {
        var members = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in host.Storage.Table(StorageNames.OperatorCountersTable).QueryAsync<TableEntity>($"RowKey ge '{OperatorIndex.MemberPrefix}' and RowKey lt 'm}}'", select: ["RowKey"]))
        {
            members.Add(row.RowKey[OperatorIndex.MemberPrefix.Length..]);
        }

        int profiles = 0, unindexed = 0;
        await foreach (var row in host.Storage.Table(StorageNames.GraduatesTable).QueryAsync<TableEntity>(GraduateStore.ProfileFilter, select: ["PartitionKey"]))
        {
            profiles++;
            unindexed += members.Contains(row.PartitionKey) ? 0 : 1;
        }

        return (profiles, unindexed);
    }

    private async Task<JsonNode> ResyncAsync()
    {
        using var started = await api.SendAsync(HttpMethod.Post, "/api/operator/resync", api.SupervisorToken);
        var body = JsonNode.Parse(await started.Content.ReadAsStringAsync())!;
        Assert.True(started.StatusCode == HttpStatusCode.Accepted, body.ToJsonString());
        var location = started.Headers.Location!.ToString();
        Assert.Equal(body["statusUrl"]!.GetValue<string>(), location);
        JsonNode? status = null;
        var done = await LocalHostFixture.Eventually(
            async () => (status = await api.JsonAsync(HttpMethod.Get, location, api.SupervisorToken))["state"]!.GetValue<string>() == "done",
            TimeSpan.FromSeconds(180));
        Assert.True(done, $"the re-sync did not finish: {status?.ToJsonString()}");
        return status!;
    }

    [Fact]
    public async Task A_graduate_whose_index_rows_were_lost_is_found_again_after_a_supervisors_resync_and_nothing_is_counted_twice()
    {
        var tail = new string(Enumerable.Range(0, 8).Select(_ => "бвгдзклмнпрстфхчш"[Random.Shared.Next(17)]).ToArray());
        var iin = Api.NewIin();
        var registered = await api.JsonAsync(HttpMethod.Post, "/api/graduates", api.OperatorToken, expected: HttpStatusCode.Created, body: new
        {
            iin, fullName = "Тоқтар Жоғалтқан" + tail, email = $"{iin}@graduate.example.kz", language = "kk", category = "state-order-other", level = "bachelor",
            specialtyGroup = "technical", graduationDate = "2025-06-20", admissionYear = 2021, budgetCost = 3_600_000.00m, university = "ҚазҰУ",
        });
        var graduateId = registered["graduateId"]!.GetValue<string>();
        Assert.True(await LocalHostFixture.Eventually(async () => (await FindAsync("жогалткан" + tail)).Count == 1, TimeSpan.FromSeconds(30)));

        // The index rows are lost (the membership and the counters stay): the graduate cannot be found.
        var index = host.Storage.Table(StorageNames.OperatorIndexTable);
        await foreach (var row in index.QueryAsync<TableEntity>($"GraduateId eq '{graduateId}'", select: ["PartitionKey", "RowKey"]))
        {
            await index.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }

        Assert.Empty(await FindAsync("жогалткан" + tail));
        Assert.Empty((await api.JsonAsync(HttpMethod.Get, "/api/operator/graduates?status=not-started&q=" + Uri.EscapeDataString("токтар жогалткан" + tail), api.OperatorToken))["items"]!.AsArray());

        // Only a supervisor starts it; an operator or a graduate is refused.
        Assert.Equal(HttpStatusCode.Forbidden, (await api.SendAsync(HttpMethod.Post, "/api/operator/resync", api.OperatorToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.SendAsync(HttpMethod.Post, "/api/operator/resync", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.SendAsync(HttpMethod.Get, "/api/operator/resync/x' or '1'='1", api.SupervisorToken)).StatusCode);

        var total = await TotalAsync();
        var (profiles, unindexed) = await ProfilesAsync();
        var first = await ResyncAsync();
        Assert.Equal(profiles, first["graduates"]!.GetValue<int>());
        Assert.True(first["steps"]!.GetValue<int>() >= 1);
        Assert.Equal([graduateId], await FindAsync("ЖОҒАЛТҚАН" + tail));
        Assert.Equal([graduateId], await FindAsync("токтар жогалткан" + tail));
        Assert.Equal(total + unindexed, await TotalAsync());

        // Idempotent: a second run finds everything current and moves no counter.
        var afterFirst = await TotalAsync();
        await ResyncAsync();
        Assert.Equal(afterFirst, await TotalAsync());
        Assert.Equal([graduateId], await FindAsync("жогалткан" + tail));

        var trail = await api.JsonAsync(HttpMethod.Get, "/api/operator/audit?pageSize=100", api.SupervisorToken);
        Assert.Contains(trail["items"]!.AsArray(), entry => entry!["action"]!.GetValue<string>() == "index-resync-started" && entry["role"]!.GetValue<string>() == "supervisor");
    }
}
