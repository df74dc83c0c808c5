using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Tests;

/// <summary>
/// The reminder due index keeps one row a graduate, at the date of the next pending reminder, and a run moves it on
/// (ADR 0020); a row written under a plan that has changed since sends nothing. Runs on the isolated host, handing
/// the run only this test's graduate's rows, so other tests' graduates are not touched; each test takes its graduate's
/// rows out of the index at the end, so later runs on the shared clock (the simulated months) do not move its status.
/// </summary>
[Collection(IsolatedHostCollection.Name)]
public sealed class ReminderDueIndexTests(IsolatedHostFixture host)
{
    private readonly Api api = new(host);

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
