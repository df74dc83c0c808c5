using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Tests;

/// <summary>Imports and reminder runs beyond their inline bounds: 202, a status route, chunks through a queue, nothing doubled.</summary>
[Collection(ScaleHostCollection.Name)]
public sealed class ScaleTests(ScaleHostFixture host)
{
    private readonly Api api = new(host);
    private readonly ScaleImports imports = new(host);

    private static string Row(string iin, decimal cost = 3600000) => ScaleImports.Row(iin, "scale.example.kz", cost);

    private Task<(HttpStatusCode Status, JsonNode Body, Uri? Location)> ImportAsync(string csv) => imports.ImportAsync(csv);

    private Task<JsonNode> SettledAsync(string path) => imports.SettledAsync(path, 60);

    private async Task<int> ProfilesAsync(string iin)
    {
        var count = 0;
        await foreach (var _ in host.Storage.Table(StorageNames.GraduatesTable).QueryAsync<TableEntity>($"{GraduateStore.ProfileFilter} and Iin eq '{iin}'"))
        {
            count++;
        }

        return count;
    }

    [Fact]
    public async Task A_large_import_answers_202_its_status_reaches_done_with_the_counts_and_a_reimport_changes_nothing()
    {
        var iins = Enumerable.Range(0, 60).Select(_ => Api.NewIin()).ToList();
        var csv = new StringBuilder(ScaleImports.Header + "\n");
        iins.ForEach(iin => csv.Append(Row(iin)).Append('\n'));
        csv.Append("123;Bad Row;x;kk;rural-quota;bachelor;pedagogical;2024-06-20;2020;1;U;;\n"); // line 62
        csv.Append(Row(iins[3], 3700000)).Append('\n'); // line 63: the same IIN with other data

        var (status, body, location) = await ImportAsync(csv.ToString());
        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal($"/api/imports/{body["importId"]}", location!.OriginalString);
        var done = await SettledAsync(location.OriginalString);
        Assert.Equal(62, done["rowsRead"]!.GetValue<int>());
        Assert.Equal(60, done["registered"]!.GetValue<int>());
        Assert.Equal(1, done["conflicts"]!.GetValue<int>());
        Assert.Equal(4, done["chunks"]!.GetValue<int>());
        var errors = done["errors"]!.AsArray().Select(e => (e!["line"]!.GetValue<int>(), e["code"]!.GetValue<string>())).ToList();
        Assert.Contains(errors, e => e.Item1 == 62 && e.Item2 != "conflict");
        // Chunks run in parallel: of two different rows for one IIN, one registers and the other is the conflict.
        Assert.Single(errors, e => e.Item2 == "conflict" && e.Item1 is 5 or 63);

        var (againStatus, again, againLocation) = await ImportAsync(csv.ToString());
        Assert.Equal(HttpStatusCode.Accepted, againStatus);
        var second = await SettledAsync(againLocation!.OriginalString);
        Assert.Equal(0, second["registered"]!.GetValue<int>());
        Assert.Equal(60, second["unchanged"]!.GetValue<int>());
        Assert.Equal(1, second["conflicts"]!.GetValue<int>());
        Assert.NotEqual(body["importId"]!.GetValue<string>(), again["importId"]!.GetValue<string>());
        foreach (var iin in iins.Take(5))
        {
            Assert.Equal(1, await ProfilesAsync(iin));
        }
    }

    [Fact]
    public async Task A_chunk_cut_short_and_run_again_finishes_its_rows_and_counts_them_once()
    {
        var iins = Enumerable.Range(0, 55).Select(_ => Api.NewIin()).ToList();
        var csv = ScaleImports.Header + "\n" + string.Concat(iins.Select(iin => Row(iin) + "\n"));
        var (status, body, location) = await ImportAsync(csv);
        Assert.Equal(HttpStatusCode.Accepted, status);
        var first = await SettledAsync(location!.OriginalString);
        Assert.Equal(55, first["registered"]!.GetValue<int>());

        // As if the worker crashed after its writes and before it recorded the chunk: the chunk is open again,
        // one of its graduates lost the profile write, and its message comes back (twice, as queues may deliver).
        var jobId = body["importId"]!.GetValue<string>();
        var jobs = host.Storage.Table(StorageNames.ImportJobsTable);
        var chunk = (await jobs.GetEntityAsync<TableEntity>(jobId, ImportJobs.ChunkKey(1))).Value;
        chunk["Done"] = false;
        await jobs.UpdateEntityAsync(chunk, chunk.ETag, TableUpdateMode.Replace);
        var (indexPartition, indexRow) = host.Service<IinIndexKeys>().For(iins[25]);
        var lost = (await host.Storage.Table(StorageNames.IinIndexTable).GetEntityAsync<TableEntity>(indexPartition, indexRow)).Value.GetString("GraduateId")!;
        await host.Storage.Table(StorageNames.GraduatesTable).DeleteEntityAsync(lost, GraduateStore.ProfileKey(lost));
        var queue = host.Storage.Queue(StorageNames.ImportQueue);
        await queue.SendMessageAsync($"chunk|{jobId}|1");
        await queue.SendMessageAsync($"chunk|{jobId}|1");

        var again = await SettledAsync(location.OriginalString);
        Assert.Equal(55, again["registered"]!.GetValue<int>());
        Assert.Equal(0, again["unchanged"]!.GetValue<int>());
        Assert.Equal(55, again["rowsRead"]!.GetValue<int>());
        Assert.Equal(1, await ProfilesAsync(iins[25]));
        Assert.Equal(1, await ProfilesAsync(iins[24]));
        var found = await api.JsonAsync(HttpMethod.Post, "/api/graduates/search", api.OperatorToken, new { iin = iins[25] });
        Assert.Equal(lost, Assert.Single(found["items"]!.AsArray())!["graduateId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_small_import_keeps_todays_answer()
    {
        var iin = Api.NewIin();
        var (status, body, location) = await ImportAsync($"{ScaleImports.Header}\n{Row(iin)}\n");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(location);
        Assert.Equal(1, body["created"]!.GetValue<int>());
        Assert.Equal(0, body["unchanged"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_large_reminder_run_answers_202_sends_each_reminder_once_and_its_summary_adds_up()
    {
        var iins = Enumerable.Range(0, 12).Select(_ => Api.NewIin()).ToList();
        var (imported, _, _) = await ImportAsync(ScaleImports.Header + "\n" + string.Concat(iins.Select(iin => Row(iin) + "\n")));
        Assert.Equal(HttpStatusCode.OK, imported);

        var date = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using var response = await api.SendAsync(HttpMethod.Post, "/api/reminders/run", api.OperatorToken, new { date });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, text);
        var location = response.Headers.Location!.OriginalString;
        var runId = JsonNode.Parse(text)!["runId"]!.GetValue<string>();
        var summary = await SettledAsync(location);

        var due = summary["due"]!.GetValue<int>();
        Assert.True(due > 5, summary.ToJsonString());
        Assert.Equal(due, summary["sent"]!.GetValue<int>());
        Assert.Equal(0, summary["failed"]!.GetValue<int>());
        Assert.True(summary["chunks"]!.GetValue<int>() >= 2, summary.ToJsonString());
        var markers = await MarkersAsync(runId);
        Assert.Equal(due, markers.Count);
        Assert.Equal(markers.Count, markers.Select(m => (m.PartitionKey, m.RowKey)).Distinct().Count());

        // A chunk's message delivered again changes nothing; the due index is empty up to the date.
        await host.Storage.Queue(StorageNames.ReminderRunQueue).SendMessageAsync($"chunk|{runId}|0");
        await Task.Delay(1500);
        Assert.Equal(summary.ToJsonString(), (await api.JsonAsync(HttpMethod.Get, location, api.OperatorToken)).ToJsonString());
        var rerun = await api.JsonAsync(HttpMethod.Post, "/api/reminders/run", api.OperatorToken, new { date });
        Assert.Equal(0, rerun["sent"]!.GetValue<int>());

        // Every reminder of these graduates reached the mail capture once.
        foreach (var iin in iins)
        {
            var to = $"{iin}@scale.example.kz";
            var expected = markers.Count(m => m.GetString("To") == to);
            Assert.True(await LocalHostFixture.Eventually(() => Task.FromResult(host.Mail.Newest(to).Count >= expected), TimeSpan.FromSeconds(20)));
            await Task.Delay(200);
            var mails = host.Mail.Newest(to);
            Assert.True(expected > 0, $"no reminder for {to}");
            Assert.Equal(expected, mails.Count);
        }
    }

    private async Task<List<TableEntity>> MarkersAsync(string runId)
    {
        var markers = new List<TableEntity>();
        var outbox = host.Storage.Table(StorageNames.GraduatesTable);
        await foreach (var marker in outbox.QueryAsync<TableEntity>($"RunId eq '{runId}'"))
        {
            marker["To"] = await RecipientAsync(outbox, marker);
            markers.Add(marker);
        }

        return markers;
    }

    private static async Task<string?> RecipientAsync(TableClient table, TableEntity marker)
    {
        var profile = await table.GetEntityIfExistsAsync<TableEntity>(marker.PartitionKey, GraduateStore.ProfileKey(marker.PartitionKey));
        return profile.HasValue ? profile.Value!.GetString("Email") : null;
    }
}
