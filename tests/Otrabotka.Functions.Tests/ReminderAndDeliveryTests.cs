using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Otrabotka.Functions.Notifications;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Tests;

/// <summary>Months of simulated time on a fake clock, and e-mail delivery under faults, on the isolated host.</summary>
[Collection(IsolatedHostCollection.Name)]
public sealed class ReminderAndDeliveryTests(IsolatedHostFixture host)
{
    private readonly Api api = new(host);

    private async Task<Dictionary<string, DateOnly>> MarkersAsync(string graduateId)
    {
        var markers = new Dictionary<string, DateOnly>();
        await foreach (var e in host.Storage.Table(StorageNames.GraduatesTable).QueryAsync<TableEntity>($"PartitionKey eq '{graduateId}' and RowKey ge 'rem|' and RowKey lt 'rem}}'"))
        {
            markers[e.RowKey["rem|".Length..]] = Domain.Almaty.DateOf(e.GetDateTimeOffset("SentAt")!.Value);
        }

        return markers;
    }

    /// <summary>The dashboard's count of one status (from the counters index sync keeps).</summary>
    private async Task<long> StatusCountAsync(string status) =>
        (await api.JsonAsync(HttpMethod.Get, "/api/operator/dashboard", api.OperatorToken))["byStatus"]!.AsArray()
            .Where(line => line!["code"]?.GetValue<string>() == status).Sum(line => line!["count"]!.GetValue<long>());

    /// <summary>How many graduates the operators' index holds under one status (its status partition).</summary>
    private async Task<long> IndexedCountAsync(string status)
    {
        long count = 0;
        await foreach (var _ in host.Storage.Table(StorageNames.OperatorIndexTable).QueryAsync<TableEntity>($"PartitionKey eq 's|{status}'", select: ["RowKey"]))
        {
            count++;
        }

        return count;
    }

    /// <summary>The status a graduate is indexed under in the operators' index (its status rows), one expected.</summary>
    private async Task<string> IndexedStatusAsync(string graduateId)
    {
        var statuses = new List<string>();
        await foreach (var row in host.Storage.Table(StorageNames.OperatorIndexTable).QueryAsync<TableEntity>($"PartitionKey ge 's|' and PartitionKey lt 's}}' and RowKey eq '{graduateId}'"))
        {
            statuses.Add(row.PartitionKey["s|".Length..]);
        }

        return Assert.Single(statuses);
    }

    /// <summary>The day a graduate's next calendar move is kept for in their counter shard (ADR 0019), if any.</summary>
    private async Task<string?> MoveRowAsync(string graduateId)
    {
        var filter = $"PartitionKey eq '{OperatorIndex.ShardOf(graduateId)}' and RowKey ge '{OperatorIndex.MovePrefix}' and RowKey lt 't}}'";
        await foreach (var row in host.Storage.Table(StorageNames.OperatorCountersTable).QueryAsync<TableEntity>(filter))
        {
            if (row.RowKey.EndsWith("|" + graduateId, StringComparison.Ordinal))
            {
                return row.RowKey.Split('|')[1];
            }
        }

        return null;
    }

    [Fact]
    public async Task Over_months_of_simulated_time_each_reminder_goes_out_exactly_when_due_and_once()
    {
        var runs = host.Service<RunReminders>();
        var moves = host.Service<Otrabotka.Functions.UseCases.OperatorDesk.StartCalendarMoves>();
        var (atRiskBefore, completedBefore) = (await StatusCountAsync("at-risk"), await StatusCountAsync("completed"));
        var (silentId, silentIin, _) = await api.RegisterAsync(graduationDate: "2027-06-20");
        var (workingId, workingIin, workingToken) = await api.RegisterAsync(graduationDate: "2027-06-20");
        var employer = $"hr-{Guid.NewGuid():N}@employer.example.kz";
        var documentId = await api.SubmitAsync(workingToken, "employment-confirmation", Api.Employment(start: "2027-08-15", email: employer), Api.Pdf());
        var firstLink = await api.EmployerTokenAsync(employer);

        // A third graduate studied 1 of 48 months on the grant: 1 month to work off (36 × 1 ÷ 48, rounded up).
        var (shortId, shortIin, shortToken) = await api.RegisterAsync(graduationDate: "2027-06-20", grantMonths: 1, normativeMonths: 48);
        var shortEmployer = $"hr-{Guid.NewGuid():N}@employer.example.kz";
        await api.SubmitAsync(shortToken, "employment-confirmation", Api.Employment(start: "2027-08-15", email: shortEmployer), Api.Pdf());
        await api.JsonAsync(HttpMethod.Post, "/api/confirmations/decision", null, new { token = await api.EmployerTokenAsync(shortEmployer), decision = "confirm", confirmerName = "A", confirmerPosition = "B" });

        // 20 Aug → 10 Dec 2027, the timer firing twice a day (and overlapping), with no runs at all from 25 Oct to 4 Nov.
        for (var day = Domain.Almaty.Today(host.Clock); day <= new DateOnly(2027, 12, 10); day = day.AddDays(1))
        {
            var today = Domain.Almaty.Today(host.Clock);
            if (today < new DateOnly(2027, 10, 25) || today > new DateOnly(2027, 11, 4))
            {
                await Task.WhenAll(runs.RunAsync(today, "timer", CancellationToken.None), runs.RunAsync(today, "timer", CancellationToken.None));
                if (today == new DateOnly(2027, 11, 30))
                {
                    // The working graduate's only job still awaits the employer: no reminder falls due for them today, and
                    // nothing changed on their partition since August; only their calendar move (kept since then) is due.
                    Assert.Equal("not-started", await IndexedStatusAsync(workingId));
                    Assert.Equal("2027-11-30", await MoveRowAsync(workingId));
                }

                // What the timer does once a day beside the reminders: the pass over statuses that move with the calendar.
                await Task.WhenAll(moves.RunAsync(today, CancellationToken.None), moves.RunAsync(today, CancellationToken.None));
            }

            host.Fake.Advance(TimeSpan.FromDays(1));
        }

        // Statuses that moved with the calendar alone (the silent graduate at risk on 30 Nov, the short obligation
        // completed on 1 Oct): the reminder run of that day re-synced them, so the index and the counters follow.
        // The working graduate (no reminder that day) was moved by the daily calendar pass (ADR 0019), queued.
        Assert.Equal("at-risk", await IndexedStatusAsync(silentId));
        Assert.Equal("completed", await IndexedStatusAsync(shortId));
        Assert.True(await LocalHostFixture.Eventually(async () => await IndexedStatusAsync(workingId) == "at-risk", TimeSpan.FromSeconds(30)), "the calendar pass did not move the working graduate");
        Assert.Null(await MoveRowAsync(workingId));
        // The counters follow the index: other tests' graduates on this shared host move with the same simulated
        // calendar (the daily pass re-syncs them too), so the dashboard's counts are checked against the graduates the
        // index holds under each status, and at least this test's own moves are in them.
        foreach (var status in new[] { "at-risk", "completed" })
        {
            Assert.True(
                await LocalHostFixture.Eventually(async () => await IndexedCountAsync(status) == await StatusCountAsync(status), TimeSpan.FromSeconds(30)),
                $"the dashboard's {status} count differs from the graduates indexed under it");
        }
        Assert.True(await StatusCountAsync("at-risk") >= atRiskBefore + 2, "the two graduates at risk are not counted");
        Assert.True(await StatusCountAsync("completed") >= completedBefore + 1, "the completed graduate is not counted");

        var silent = await MarkersAsync(silentId);
        Assert.Equal(
            [new DateOnly(2027, 9, 1), new DateOnly(2027, 10, 1), new DateOnly(2027, 11, 5), new DateOnly(2027, 11, 30)],
            silent.Values.Order());
        Assert.Contains(silent, m => m.Key.EndsWith("+60", StringComparison.Ordinal) && m.Value == new DateOnly(2027, 11, 5));
        Assert.DoesNotContain(silent, m => m.Key.EndsWith("+30", StringComparison.Ordinal) && m.Value != new DateOnly(2027, 10, 1));

        // 1 September + 1 month = 30 required days, the last on 30 September: the notice on 1 October, nothing else.
        Assert.Equal([new DateOnly(2027, 10, 1)], (await MarkersAsync(shortId)).Values);
        Assert.True(await LocalHostFixture.Eventually(
            () => Task.FromResult(host.Mail.Newest($"{shortIin}@graduate.example.kz").Any(m => m.Subject == "Жұмыспен өтеу міндеті орындалды")), TimeSpan.FromSeconds(30)));

        var working = await MarkersAsync(workingId);
        Assert.Equal([new DateOnly(2027, 8, 23), new DateOnly(2027, 8, 27), new DateOnly(2027, 8, 30)], working.Values.Order());

        // Each marker became exactly one e-mail; the employer's reminders carry the same link as the first request.
        var delivered = await LocalHostFixture.Eventually(
            () => Task.FromResult(host.Mail.Newest($"{silentIin}@graduate.example.kz").Count(m => m.Subject.StartsWith("Еске салу", StringComparison.Ordinal)) == 4
                && host.Mail.Newest(employer).Count == 3
                && host.Mail.Newest($"{workingIin}@graduate.example.kz").Any(m => m.Subject == "Жұмыс беруші жауап бермеді")),
            TimeSpan.FromSeconds(60));
        Assert.True(delivered, "the reminder e-mails did not all arrive");
        Assert.All(host.Mail.Newest(employer), m => Assert.Contains(firstLink, m.Text, StringComparison.Ordinal));
        Assert.All(host.Mail.Newest(employer), m => Assert.Contains("трудоустройств", m.Text + m.Subject, StringComparison.Ordinal));
        _ = documentId;
    }

    [Fact]
    public async Task A_crash_between_the_status_write_and_the_dispatch_loses_no_email()
    {
        var (graduateId, iin, _) = await api.RegisterAsync(graduationDate: "2027-06-20");
        var outbox = host.Service<Outbox>();
        var (id, action) = outbox.Row(graduateId, $"{iin}@graduate.example.kz", NotificationKind.DocumentAccepted, Domain.Language.Ru, new NoticeModel(GraduateName: "Crash Test", Document: Domain.DocumentKind.EmploymentEnd));

        // What a crash leaves behind: the pending note and the committed row, but no queue message.
        var now = host.Clock.GetUtcNow();
        await host.Storage.Table(StorageNames.OutboxPendingTable).UpsertEntityAsync(new TableEntity(Outbox.Bucket(now), Outbox.PendingKey(graduateId, id)) { ["CreatedAt"] = now });
        await GraduateStore.CommitAsync(host.Storage, [action], CancellationToken.None);

        var sweep = host.Service<OutboxSweep>();
        Assert.Equal(0, (await sweep.RunAsync(CancellationToken.None)).Requeued);
        host.Fake.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(1, (await sweep.RunAsync(CancellationToken.None)).Requeued);
        var arrived = await LocalHostFixture.Eventually(() => Task.FromResult(host.Mail.Newest($"{iin}@graduate.example.kz").Any(m => m.CustomArgs["notificationId"] == id)), TimeSpan.FromSeconds(30));
        Assert.True(arrived, "the swept notification was not delivered");
        await LocalHostFixture.Eventually(async () => (await sweep.RunAsync(CancellationToken.None)).Forgotten > 0, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task With_SendGrid_answering_429_or_500_half_the_time_every_message_is_still_delivered_once()
    {
        var answersBefore = host.Mail.Answers.Count;
        host.Mail.FailureStatus = 0;
        host.Mail.FailureRate = 0.5;
        List<string> ids;
        try
        {
            (_, ids) = await CommitNotificationsAsync("fault", 20);
            // Half the calls refused for 20 s: five refusals in a row happen (1 in 32 messages) and are retried on.
            await LocalHostFixture.Eventually(() => Task.FromResult(Delivered(ids)), TimeSpan.FromSeconds(20));
        }
        finally
        {
            host.Mail.FailureRate = 0;
        }

        // No operator resends anything: a transient fault is retried by the dispatcher alone.
        Assert.True(await LocalHostFixture.Eventually(() => Task.FromResult(Delivered(ids)), TimeSpan.FromSeconds(90)), "not every message was delivered");
        await AssertDeliveredOnceAndNotFailedAsync(ids);
        var answers = host.Mail.Answers.Skip(answersBefore).ToList();
        Assert.Contains(429, answers);
        Assert.Contains(500, answers);
    }

    [Fact]
    public async Task A_message_refused_six_times_in_a_row_is_delivered_on_its_seventh_attempt_without_an_operator()
    {
        host.Mail.FailureStatus = 500;
        host.Mail.RefuseFirstCalls = 6;
        try
        {
            var (graduateId, ids) = await CommitNotificationsAsync("refused", 3);
            // Back-off 0.2 s × 2^(n−1): 12.6 s of waiting before the seventh attempt.
            Assert.True(await LocalHostFixture.Eventually(() => Task.FromResult(Delivered(ids)), TimeSpan.FromSeconds(60)), "a message refused six times was not delivered");
            await AssertDeliveredOnceAndNotFailedAsync(ids);
            foreach (var id in ids)
            {
                var row = await host.Service<OutboxStore>().FindAsync(graduateId, id, CancellationToken.None);
                Assert.Equal((OutboxRow.Sent, 7), (row!.Status, row.Attempts));
            }
        }
        finally
        {
            host.Mail.RefuseFirstCalls = 0;
        }
    }

    [Fact]
    public async Task A_message_refused_once_its_retry_budget_is_spent_is_failed_for_good_and_an_operators_resend_delivers_it()
    {
        // A row created a retry budget ago (SendGrid refusing it all day): its next refusal fails it for good. The
        // shared clock is not moved (the other tests of this host count days on it); the row is dated back instead.
        host.Mail.FailureStatus = 429;
        host.Mail.RefuseFirstCalls = 1;
        string id;
        try
        {
            var (graduateId, ids) = await CommitNotificationsAsync("budget", 1, host.Clock.GetUtcNow() - DispatchNotification.RetryBudget);
            id = ids[0];
            var listed = await LocalHostFixture.Eventually(async () => (await FailedIdsAsync()).Contains(id), TimeSpan.FromSeconds(30));
            Assert.True(listed, "a message refused past its retry budget was not listed as failed");
            var row = await host.Service<OutboxStore>().FindAsync(graduateId, id, CancellationToken.None);
            Assert.Equal((OutboxRow.Failed, 1, (int?)429), (row!.Status, row.Attempts, row.Entity.GetInt32("LastStatusCode")));
            Assert.False(Delivered([id]));

            // The resend gives the row a fresh budget; the capture accepts this second call.
            await api.JsonAsync(HttpMethod.Post, $"/api/notifications/failed/{id}/resend", api.OperatorToken, null, HttpStatusCode.Accepted);
            Assert.True(await LocalHostFixture.Eventually(() => Task.FromResult(Delivered([id])), TimeSpan.FromSeconds(30)), "the resent message was not delivered");
        }
        finally
        {
            host.Mail.RefuseFirstCalls = 0;
        }

        await AssertDeliveredOnceAndNotFailedAsync([id]);
    }

    /// <summary>Commits <paramref name="count"/> outbox rows to new addresses of a new graduate in one transaction (queued for dispatch).</summary>
    private async Task<(string GraduateId, List<string> Ids)> CommitNotificationsAsync(string label, int count, DateTimeOffset? createdAt = null)
    {
        var (graduateId, _, _) = await api.RegisterAsync(graduationDate: "2027-06-20");
        var outbox = host.Service<Outbox>();
        var ids = new List<string>();
        var actions = new List<TableTransactionAction>();
        for (var i = 0; i < count; i++)
        {
            var (id, action) = outbox.Row(graduateId, $"{label}-{i}-{graduateId}@example.kz", NotificationKind.DocumentReceived, Domain.Language.Kk, new NoticeModel(GraduateName: "F", Document: Domain.DocumentKind.EmploymentEnd));
            if (createdAt is { } at)
            {
                ((TableEntity)action.Entity)["CreatedAt"] = at;
            }

            ids.Add(id);
            actions.Add(action);
        }

        await outbox.CommitAsync(graduateId, actions, ids, CancellationToken.None);
        return (graduateId, ids);
    }

    private bool Delivered(IReadOnlyCollection<string> ids) =>
        ids.All(id => host.Mail.Newest(null).Any(m => m.CustomArgs.GetValueOrDefault("notificationId") == id));

    private async Task<HashSet<string>> FailedIdsAsync() =>
        (await host.Service<FailedNotifications>().ListAsync(null, CancellationToken.None)).Value!.Items.Select(f => f.NotificationId).ToHashSet();

    private async Task AssertDeliveredOnceAndNotFailedAsync(IReadOnlyCollection<string> ids)
    {
        foreach (var id in ids)
        {
            Assert.Single(host.Mail.Newest(null), m => m.CustomArgs.GetValueOrDefault("notificationId") == id);
        }

        Assert.Empty((await FailedIdsAsync()).Intersect(ids));
    }

    [Fact]
    public async Task A_bad_address_is_recorded_as_failed_without_retries_and_listed_for_operators()
    {
        var (graduateId, _, _) = await api.RegisterAsync(graduationDate: "2027-06-20");
        var outbox = host.Service<Outbox>();
        var (id, action) = outbox.Row(graduateId, "no-at-sign.example.kz", NotificationKind.DocumentReceived, Domain.Language.En, new NoticeModel(GraduateName: "B"));
        await outbox.CommitAsync(graduateId, [action], [id], CancellationToken.None);
        JsonNode? item = null;
        var listed = await LocalHostFixture.Eventually(
            async () =>
            {
                var page = await api.JsonAsync(HttpMethod.Get, "/api/notifications/failed", api.OperatorToken);
                item = page["items"]!.AsArray().FirstOrDefault(i => i!["notificationId"]!.GetValue<string>() == id);
                return item is not null;
            },
            TimeSpan.FromSeconds(30));
        Assert.True(listed, "the failed notification was not listed");
        Assert.Equal(1, item!["attempts"]!.GetValue<int>());
        Assert.Equal(400, item["lastStatusCode"]!.GetValue<int>());
        await api.JsonAsync(HttpMethod.Post, $"/api/notifications/failed/{id}/resend", api.OperatorToken, null, HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task An_operator_can_run_reminders_for_a_date()
    {
        var result = await api.JsonAsync(HttpMethod.Post, "/api/reminders/run", api.OperatorToken, new { date = "2027-08-01" });
        Assert.Equal("2027-08-01", result["date"]!.GetValue<string>());
        using var bad = await api.SendAsync(HttpMethod.Post, "/api/reminders/run", api.OperatorToken, new { date = "01.08.2027" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
