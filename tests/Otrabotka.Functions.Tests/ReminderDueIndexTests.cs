using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases;
using Xunit.Abstractions;

namespace Otrabotka.Functions.Tests;

/// <summary>
/// The reminder due index keeps one row a graduate, at the date of the next pending reminder, and a run moves it on
/// (ADR 0020); a row written under a plan that has changed since sends nothing. Runs on the isolated host, handing
/// the run only this test's graduate's rows, so other tests' graduates are not touched; each test takes its graduate's
/// rows out of the index at the end, so later runs on the shared clock (the simulated months) do not move its status.
/// </summary>
[Collection(IsolatedHostCollection.Name)]
public sealed class ReminderDueIndexTests(IsolatedHostFixture host, ITestOutputHelper output)
{
    /// <summary>
    /// Storage calls of one no-proof reminder (a calendar status move, ADR 0019) of a graduate just registered (no status
    /// snapshot yet), from the run to its e-mail recorded as sent, counted by the host's pipeline policy. Before issue 12's
    /// reminder change the code made 13 here (counted from its calls, not measured by this test, which came with the change):
    /// the outbox's pending note, the marker + outbox row + stamp transaction, the dispatch message, the due row moved on (add,
    /// plan-move transaction, delete), the status re-sync (a query of the graduate's live rows, the snapshot's commit, the
    /// operators' membership read), the run's log row, and the dispatch (the row's point read, its record, its note's removal).
    /// 11 since: the live rows are read once before the send, and the plan's move and the status snapshot commit in the
    /// send's transaction (the plan-move transaction, the re-sync query and the snapshot's own commit go). Of the 11: live
    /// rows 1, pending note 1, transaction 1, dispatch message 1, operators' membership read 1 (the snapshot changed: synced
    /// from the committed unit; a graduate whose snapshot is current skips it), next due row 1, old due row's delete 1, the
    /// run's log row 1, point read 1, record 1, note's removal 1. A change that adds calls must raise this with a reason.
    /// </summary>
    public const int MaxCallsPerReminder = 11;

    /// <summary>Storage calls of the same reminder handled again by a run repeated after a crash (counted in the test).</summary>
    public const int MaxCallsPerRepeatedReminder = 6;

    private readonly Api api = new(host);

    [Fact]
    public async Task One_reminder_reads_its_graduate_once_and_stays_within_its_storage_call_budget()
    {
        var (graduateId, _, _) = await api.RegisterAsync(graduationDate: "2027-06-20");
        try
        {
            await CountedAsync(graduateId);
        }
        finally
        {
            await RemoveRowsAsync(graduateId);
        }
    }

    private async Task CountedAsync(string graduateId)
    {
        var first = Assert.Single(await RowsOfAsync(graduateId));
        var date = DateOnly.ParseExact(first.PartitionKey, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var read = await RowsReadByRunAsync(graduateId, date);
        Assert.Contains(read.SelectMany(row => row.DueBy(date)), reminder => RunReminders.MarksStatusMove(reminder.Kind));
        var liveRows = (await LiveRowsAsync(graduateId)).Count;
        await QuietAsync();
        var counter = host.Storage.Counter;
        var before = counter.Total;

        var result = await host.Service<RunReminders>().ProcessAsync(date, read, "test", CancellationToken.None);
        Assert.Equal(1, result.Sent);
        Assert.True(await LocalHostFixture.Eventually(() => NothingPendingAsync(graduateId), TimeSpan.FromSeconds(30)), "the reminder's outbox row was left pending");
        await QuietAsync();

        var calls = counter.Recent.TakeLast((int)(counter.Total - before)).ToList();
        output.WriteLine($"storage calls for one reminder: {calls.Count}");
        calls.ForEach(output.WriteLine);

        // The graduate's partition is queried once (its live rows); a re-sync after the send would query it again.
        Assert.Equal(1, calls.Count(call => call.StartsWith("GET ", StringComparison.Ordinal) && call.EndsWith($"/{StorageNames.GraduatesTable}()", StringComparison.Ordinal)));
        Assert.InRange(calls.Count, 1, MaxCallsPerReminder);

        // The run counts every entity it read: its due row and the graduate's live rows.
        Assert.Equal((1, liveRows, read.Count + liveRows), (result.GraduatesRead, result.RowsRead, result.EntitiesRead));

        // The same rows handled again, as a run repeated after a crash between the send and the row's move: the marker
        // refuses the e-mail and the plan's move is found committed with the send, so the graduate's partition is read
        // once and written by nothing but the refused transaction. Of the 6: live rows 1, pending note 1, the refused
        // transaction 1, the next due row (there already) 1, the old row's delete (gone already) 1, the run's log row 1.
        // (Before the re-run took the send's path it moved the row in its own calls: 7, with a plan-move transaction.)
        var beforeAgain = counter.Total;
        var again = await host.Service<RunReminders>().ProcessAsync(date, read, "test", CancellationToken.None);
        Assert.Equal((0, 1), (again.Sent, again.AlreadySent));
        await QuietAsync();
        var againCalls = counter.Recent.TakeLast((int)(counter.Total - beforeAgain)).ToList();
        output.WriteLine($"storage calls for the same reminder handled again: {againCalls.Count}");
        againCalls.ForEach(output.WriteLine);
        Assert.Equal(1, againCalls.Count(call => call.StartsWith("GET ", StringComparison.Ordinal) && call.EndsWith($"/{StorageNames.GraduatesTable}()", StringComparison.Ordinal)));
        Assert.Single(againCalls, call => call.StartsWith("POST ", StringComparison.Ordinal) && call.EndsWith("/$batch", StringComparison.Ordinal));
        Assert.InRange(againCalls.Count, 1, MaxCallsPerRepeatedReminder);
    }

    /// <summary>Waits until the app's clients have made no call for a second (a dispatch still in flight would).</summary>
    private async Task QuietAsync()
    {
        var last = -1L;
        while (host.Storage.Counter.Total != last)
        {
            last = host.Storage.Counter.Total;
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>No outbox row of the graduate is pending (read with a client of the test's own, so not counted).</summary>
    private static async Task<bool> NothingPendingAsync(string graduateId)
    {
        var table = new TableClient(IsolatedHostFixture.IsolatedConnectionString, StorageNames.GraduatesTable);
        await foreach (var row in table.QueryAsync<TableEntity>($"PartitionKey eq '{graduateId}' and RowKey ge 'ntf|' and RowKey lt 'ntf}}'"))
        {
            if (row.GetString("Status") == "pending")
            {
                return false;
            }
        }

        return true;
    }

    [Fact]
    public async Task A_graduate_has_one_due_row_at_the_next_reminder_and_a_run_moves_it_on()
    {
        var (graduateId, _, _) = await api.RegisterAsync(graduationDate: "2027-06-20");
        try
        {
            await MovesOnAsync(graduateId);
        }
        finally
        {
            await RemoveRowsAsync(graduateId);
        }
    }

    private async Task MovesOnAsync(string graduateId)
    {
        var first = Assert.Single(await RowsOfAsync(graduateId));
        var reminders = JsonSerializer.Deserialize<JsonElement>(first.GetString("Reminders")!).GetArrayLength();
        Assert.True(reminders > 1, "a new graduate has several no-proof reminders pending");
        var (pending, dueAt) = await PlanAsync(graduateId);
        Assert.Equal(reminders, pending);
        Assert.Equal(first.PartitionKey, dueAt);

        var runs = host.Service<RunReminders>();
        var date = DateOnly.ParseExact(first.PartitionKey, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var read = await RowsReadByRunAsync(graduateId, date);
        var result = await runs.ProcessAsync(date, read, "test", CancellationToken.None);
        Assert.Equal(1, result.Sent);

        var next = Assert.Single(await RowsOfAsync(graduateId));
        Assert.True(string.CompareOrdinal(next.PartitionKey, first.PartitionKey) > 0, "the row moved on to a later date");
        Assert.Equal(reminders - 1, JsonSerializer.Deserialize<JsonElement>(next.GetString("Reminders")!).GetArrayLength());
        Assert.Equal((reminders - 1, next.PartitionKey), await PlanAsync(graduateId));

        // The same rows handled again (a run retried after a crash): nothing is sent twice and the row stays where it is.
        var again = await runs.ProcessAsync(date, read, "test", CancellationToken.None);
        Assert.Equal(0, again.Sent);
        Assert.Equal(next.PartitionKey, Assert.Single(await RowsOfAsync(graduateId)).PartitionKey);
    }

    [Fact]
    public async Task A_row_left_from_a_plan_that_changed_since_sends_nothing_and_goes()
    {
        var (graduateId, _, token) = await api.RegisterAsync(graduationDate: "2027-06-20");
        try
        {
            await StaleRowAsync(graduateId, token);
        }
        finally
        {
            await RemoveRowsAsync(graduateId);
        }
    }

    private async Task StaleRowAsync(string graduateId, string token)
    {
        var stale = Assert.Single(await RowsOfAsync(graduateId));

        // An employment confirmation changes the plan (the no-proof reminders go, the employer's come): a new stamp.
        await api.SubmitAsync(token, "employment-confirmation", Api.Employment(start: "2027-08-15", email: $"hr-{Guid.NewGuid():N}@employer.example.kz"), Api.Pdf());
        var current = Assert.Single(await RowsOfAsync(graduateId));
        Assert.NotEqual(stale.GetString("Stamp"), current.GetString("Stamp"));
        Assert.NotEqual(stale.PartitionKey, current.PartitionKey);

        // The old row put back, as a run racing the change could have left it.
        var due = host.Storage.Table(StorageNames.ReminderDueTable);
        await due.UpsertEntityAsync(new TableEntity(stale), TableUpdateMode.Replace);
        var date = DateOnly.ParseExact(stale.PartitionKey, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var read = (await RowsReadByRunAsync(graduateId, date)).Where(row => row.Stamp == stale.GetString("Stamp")).ToList();
        Assert.Single(read);
        var result = await host.Service<RunReminders>().ProcessAsync(date, read, "test", CancellationToken.None);

        Assert.Equal(0, result.Sent);
        Assert.Empty(await MarkersAsync(graduateId));
        var left = Assert.Single(await RowsOfAsync(graduateId));
        Assert.Equal((current.PartitionKey, current.GetString("Stamp")), (left.PartitionKey, left.GetString("Stamp")));
    }

    [Fact]
    public async Task A_new_graduate_has_row_keys_of_its_own()
    {
        var (graduateId, _, _) = await api.RegisterAsync(graduationDate: "2027-06-20");
        try
        {
            var keys = (await LiveRowsAsync(graduateId)).Select(row => row.RowKey).ToList();
            Assert.Contains($"live|profile|{graduateId}", keys);
            Assert.Contains($"live|plan|{graduateId}", keys);
            Assert.DoesNotContain(GraduateStore.LegacyProfileKey, keys);
            Assert.DoesNotContain(GraduateStore.LegacyPlanKey, keys);
        }
        finally
        {
            await RemoveRowsAsync(graduateId);
        }
    }

    [Fact]
    public async Task A_graduate_stored_under_the_old_shared_row_keys_is_read_reminded_and_changed_in_place()
    {
        var (graduateId, iin, token) = await api.RegisterAsync(graduationDate: "2027-06-20");
        try
        {
            await ToSharedKeysAsync(graduateId);
            await SharedKeysWorkAsync(graduateId, iin, token);
        }
        finally
        {
            await RemoveRowsAsync(graduateId);
        }
    }

    private async Task SharedKeysWorkAsync(string graduateId, string iin, string token)
    {
        var read = await api.JsonAsync(HttpMethod.Get, $"/api/graduates/{graduateId}", api.OperatorToken);
        Assert.Equal($"{iin}@graduate.example.kz", read["email"]!.GetValue<string>());

        // A run moves the due row on: the plan under the old key records it (the plan's own key is missing).
        await MovesOnAsync(graduateId);

        // An upload changes the plan; a correction changes the profile: both in place.
        var employer = $"hr-{Guid.NewGuid():N}@employer.example.kz";
        var documentId = await api.SubmitAsync(token, "employment-confirmation", Api.Employment(start: "2027-08-15", email: employer), Api.Pdf());
        await api.SettledAsync(token, documentId);
        var opened = await api.JsonAsync(HttpMethod.Get, $"/api/operator/graduates/{graduateId}", api.OperatorToken);
        var email = $"corrected-{Guid.NewGuid():N}@graduate.example.kz";
        using var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/operator/graduates/{graduateId}")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { changes = new { email }, reason = "test" }),
        };
        patch.Headers.Authorization = new("Bearer", api.OperatorToken);
        patch.Headers.TryAddWithoutValidation("If-Match", opened["etag"]!.GetValue<string>());
        using var corrected = await host.Client.SendAsync(patch);
        Assert.True(corrected.IsSuccessStatusCode, await corrected.Content.ReadAsStringAsync());

        var rows = await LiveRowsAsync(graduateId);
        var profile = Assert.Single(rows, row => GraduateStore.KindOf(row.RowKey) == LiveRow.Profile);
        var plan = Assert.Single(rows, row => GraduateStore.KindOf(row.RowKey) == LiveRow.Plan);
        Assert.Equal((GraduateStore.LegacyProfileKey, GraduateStore.LegacyPlanKey), (profile.RowKey, plan.RowKey));
        Assert.Equal(email, profile.GetString("Email"));
        Assert.Contains(rows, row => row.RowKey == GraduateStore.DocumentKey(documentId));
        Assert.Contains(JsonSerializer.Deserialize<List<string>>(plan.GetString("Rows")!)!, entry => entry.Contains("|employer", StringComparison.Ordinal));
        Assert.Equal(plan.GetString("Stamp"), Assert.Single(await RowsOfAsync(graduateId)).GetString("Stamp"));
    }

    private static async Task RemoveRowsAsync(string graduateId)
    {
        var table = new TableClient(IsolatedHostFixture.IsolatedConnectionString, StorageNames.ReminderDueTable);
        foreach (var row in await RowsOfAsync(graduateId))
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }
    }

    /// <summary>The graduate's rows in the due index, read with a client of the test's own.</summary>
    private static async Task<List<TableEntity>> RowsOfAsync(string graduateId)
    {
        var table = new TableClient(IsolatedHostFixture.IsolatedConnectionString, StorageNames.ReminderDueTable);
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>($"RowKey eq '{graduateId}'"))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>The graduate's rows as a run reads them (the due range up to the date, this graduate only).</summary>
    private async Task<List<DueRow>> RowsReadByRunAsync(string graduateId, DateOnly date) =>
        (await host.Service<ReminderDueStore>().UpToAsync(date, CancellationToken.None)).Where(row => row.GraduateId == graduateId).ToList();

    /// <summary>How many reminders the graduate's plan row says are pending, and the date of its due row.</summary>
    private static async Task<(int Pending, string? DueAt)> PlanAsync(string graduateId)
    {
        var plan = Assert.Single(await LiveRowsAsync(graduateId), row => GraduateStore.KindOf(row.RowKey) == LiveRow.Plan);
        return (JsonSerializer.Deserialize<List<string>>(plan.GetString("Pending")!)!.Count, plan.GetString("DueAt"));
    }

    /// <summary>The graduate's live rows (profile, plan, documents, …), read with a client of the test's own.</summary>
    private static async Task<List<TableEntity>> LiveRowsAsync(string graduateId)
    {
        var table = new TableClient(IsolatedHostFixture.IsolatedConnectionString, StorageNames.GraduatesTable);
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>($"PartitionKey eq '{graduateId}' and RowKey ge '{GraduateStore.LivePrefix}' and RowKey lt 'live}}'"))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Moves the graduate's profile and plan to the row keys every partition shared before ADR 0022, as an older store holds them.</summary>
    private static async Task ToSharedKeysAsync(string graduateId)
    {
        var table = new TableClient(IsolatedHostFixture.IsolatedConnectionString, StorageNames.GraduatesTable);
        var rows = await LiveRowsAsync(graduateId);
        var moves = new[]
        {
            (Row: Assert.Single(rows, row => row.RowKey == GraduateStore.ProfileKey(graduateId)), Key: GraduateStore.LegacyProfileKey),
            (Row: Assert.Single(rows, row => row.RowKey == GraduateStore.PlanKey(graduateId)), Key: GraduateStore.LegacyPlanKey),
        };
        var actions = new List<TableTransactionAction>();
        foreach (var (row, legacyKey) in moves)
        {
            actions.Add(new(TableTransactionActionType.Delete, row, row.ETag));
            actions.Add(new(TableTransactionActionType.Add, new TableEntity(row) { RowKey = legacyKey }));
        }

        await table.SubmitTransactionAsync(actions);
    }
    private static async Task<List<string>> MarkersAsync(string graduateId)
    {
        var table = new TableClient(IsolatedHostFixture.IsolatedConnectionString, StorageNames.GraduatesTable);
        var markers = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>($"PartitionKey eq '{graduateId}' and RowKey ge 'rem|' and RowKey lt 'rem}}'"))
        {
            markers.Add(row.RowKey);
        }

        return markers;
    }
}
