using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Tests;

/// <summary>
/// An import chunk whose execution runs out of its time budget (Import:ChunkSeconds) records how far it got and queues
/// the rest as a message of its own (no execution over a minute, ADR 0025). The scale host runs with a budget of 0, so
/// every execution registers one piece — a tenth of a chunk of 20 lines — and hands the rest on: a chunk takes ten
/// executions, and the counts still come out as one run of the whole file gives them, every line once.
/// </summary>
[Collection(ScaleHostCollection.Name)]
public sealed class ImportChunkBudgetTests(ScaleHostFixture host)
{
    private const int Graduates = 200;
    private readonly Api api = new(host);
    private readonly ScaleImports imports = new(host);

    [Fact]
    public async Task A_chunk_out_of_time_goes_on_in_more_executions_than_chunks_and_counts_every_line_once()
    {
        var iins = Enumerable.Range(0, Graduates).Select(_ => Api.NewIin()).ToList();
        var csv = File(iins);

        var (status, body, location) = await ImportAsync(csv);
        Assert.Equal(HttpStatusCode.Accepted, status);
        var done = await SettledAsync(location!.OriginalString);

        // What one run of the whole file gives: every graduate registered once; line 10 repeats line 3 (the same data,
        // another piece of the same chunk): unchanged; line 150 is line 4 with other data: one of the two is a conflict
        // (chunks run side by side); line 204 is bad.
        AssertCounts(done, read: Graduates + 3, registered: Graduates, unchanged: 1, conflicts: 1, errors: 2);
        var errors = Errors(done);
        Assert.Equal(2, errors.Count);
        Assert.Contains((204, "column-count"), errors);
        Assert.Single(errors, error => error.Item2 == "conflict" && error.Item1 is 4 or 150);
        var chunks = await ChunkRowsAsync(body["importId"]!.GetValue<string>());
        Assert.Equal(done["chunks"]!.GetValue<int>(), chunks.Count);
        Assert.All(chunks.Where(chunk => chunk.Lines == 20), chunk => Assert.Equal(10, chunk.Executions));
        Assert.True(chunks.Sum(chunk => chunk.Executions) > chunks.Count);
        Assert.All(chunks, chunk => Assert.Null(chunk.NextLine));
        await AssertOneProfileEachAsync(iins);

        var (againStatus, _, againLocation) = await ImportAsync(csv);
        Assert.Equal(HttpStatusCode.Accepted, againStatus);
        var again = await SettledAsync(againLocation!.OriginalString);
        AssertCounts(again, read: Graduates + 3, registered: 0, unchanged: Graduates + 1, conflicts: 1, errors: 2);
        await AssertOneProfileEachAsync(iins);
    }

    [Fact]
    public async Task A_crash_between_recording_a_piece_and_queueing_the_rest_resumes_from_the_record_without_doubles()
    {
        var iins = Enumerable.Range(0, 60).Select(_ => Api.NewIin()).ToList();
        var csv = ScaleImports.Header + "\n" + string.Concat(iins.Select(iin => Row(iin) + "\n"));
        var (status, body, location) = await ImportAsync(csv);
        Assert.Equal(HttpStatusCode.Accepted, status);
        AssertCounts(await SettledAsync(location!.OriginalString), read: 60, registered: 60, unchanged: 0, conflicts: 0, errors: 0);

        // As if an execution of chunk 1 recorded its lines 22–26 and crashed before queueing the rest:
        // the row says "go on from line 27" with that piece's counts; the message comes back (twice, as queues may deliver).
        var jobId = body["importId"]!.GetValue<string>();
        var jobs = host.Storage.Table(StorageNames.ImportJobsTable);
        var chunk = (await jobs.GetEntityAsync<TableEntity>(jobId, ImportJobs.ChunkKey(1))).Value;
        Assert.Equal(22, chunk.GetInt32("FirstLine"));
        chunk["Done"] = false;
        chunk["NextLine"] = 27;
        chunk["Executions"] = 1;
        (chunk["Read"], chunk["Registered"], chunk["Writes"]) = (5, 5, 6);
        await jobs.UpdateEntityAsync(chunk, chunk.ETag, TableUpdateMode.Replace);
        var queue = host.Storage.Queue(StorageNames.ImportQueue);
        await queue.SendMessageAsync($"chunk|{jobId}|1");
        await queue.SendMessageAsync($"chunk|{jobId}|1");

        var resumed = await SettledAsync(location.OriginalString);
        AssertCounts(resumed, read: 60, registered: 60, unchanged: 0, conflicts: 0, errors: 0);
        var row = (await jobs.GetEntityAsync<TableEntity>(jobId, ImportJobs.ChunkKey(1))).Value;
        Assert.Equal((true, 20, 20), (row.GetBoolean("Done") == true, row.GetInt32("Read"), row.GetInt32("Registered")));
        Assert.True(row.GetInt32("Executions") >= 4, $"{row.GetInt32("Executions")} executions");
        await AssertOneProfileEachAsync(iins);
    }

    private static string Row(string iin, decimal cost = 3600000) => ScaleImports.Row(iin, "budget.example.kz", cost);

    /// <summary>The graduates from line 2 on, line 10 repeating line 3, line 150 line 4 with another cost, a bad last line (204).</summary>
    private static string File(List<string> iins)
    {
        var lines = iins.Select(iin => Row(iin)).ToList();
        lines.Insert(8, Row(iins[1]));
        lines.Insert(148, Row(iins[2], 3700000));
        lines.Add("123;Bad Row;x;kk;rural-quota;bachelor;pedagogical;2024-06-20;2020;1;U;;;");
        return ScaleImports.Header + "\n" + string.Concat(lines.Select(line => line + "\n"));
    }

    private static void AssertCounts(JsonNode status, int read, int registered, int unchanged, int conflicts, int errors) =>
        Assert.Equal(
            (read, registered, unchanged, conflicts, errors, true),
            (Int(status, "rowsRead"), Int(status, "registered"), Int(status, "unchanged"), Int(status, "conflicts"), Int(status, "errorCount"), status["done"]!.GetValue<bool>()));

    private static int Int(JsonNode status, string name) => status[name]!.GetValue<int>();

    private static List<(int, string)> Errors(JsonNode status) =>
        [.. status["errors"]!.AsArray().Select(e => (e!["line"]!.GetValue<int>(), e["code"]!.GetValue<string>()))];

    private async Task<List<(int Lines, int Executions, int? NextLine)>> ChunkRowsAsync(string jobId)
    {
        var rows = new List<(int, int, int?)>();
        await foreach (var row in host.Storage.Table(StorageNames.ImportJobsTable).QueryAsync<TableEntity>($"PartitionKey eq '{jobId}' and RowKey ne '{ImportJobs.JobKey}'"))
        {
            rows.Add((row.GetInt32("Read") ?? 0, row.GetInt32("Executions") ?? 0, row.GetInt32("NextLine")));
        }

        return rows;
    }

    private async Task AssertOneProfileEachAsync(List<string> iins)
    {
        var wanted = iins.ToHashSet(StringComparer.Ordinal);
        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var profile in host.Storage.Table(StorageNames.GraduatesTable).QueryAsync<TableEntity>(GraduateStore.ProfileFilter, select: ["Iin"]))
        {
            if (profile.GetString("Iin") is { } iin && wanted.Contains(iin))
            {
                found[iin] = found.GetValueOrDefault(iin) + 1;
            }
        }

        Assert.Equal(iins.Count, found.Count);
        Assert.All(found, pair => Assert.Equal(1, pair.Value));
    }

    private Task<(HttpStatusCode Status, JsonNode Body, Uri? Location)> ImportAsync(string csv) => imports.ImportAsync(csv);

    private Task<JsonNode> SettledAsync(string path) => imports.SettledAsync(path, 90);
}
