using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Otrabotka.Functions.Tests;

[Collection(LocalHostCollection.Name)]
public sealed class OperatorTests(LocalHostFixture host)
{
    private readonly Api api = new(host);

    private async Task<JsonNode> ImportAsync(string csv)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/graduates/import")
        {
            Content = new ByteArrayContent([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)]),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", api.OperatorToken);
        request.Headers.AcceptLanguage.ParseAdd("en");
        using var response = await host.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!;
    }

    [Fact]
    public async Task Importing_a_CSV_creates_graduates_reimporting_changes_nothing_and_a_changed_row_is_a_conflict()
    {
        var (a, b) = (Api.NewIin(), Api.NewIin());
        const string header = "iin;fullName;email;language;category;level;specialtyGroup;graduationDate;admissionYear;budgetCost;university;grantMonths;normativeMonths";
        var csv = $"{header}\n{a};\"Асқар Бекұлы\";{a}@mail.example.kz;kk;rural-quota;bachelor;pedagogical;2025-06-20;2021;3600000;ПМУ;;\n"
            + $"{b};Мария Иванова;{b}@mail.example.kz;ru;serpin;bachelor;technical;2025-06-25;2021;2900000.50;КарТУ;36;48\n"
            + "123;Bad Row;x;kk;rural-quota;bachelor;pedagogical;2025-06-20;2021;1;U;;\n";
        var first = await ImportAsync(csv);
        Assert.Equal(2, first["created"]!.GetValue<int>());
        Assert.Equal(4, first["errors"]![0]!["line"]!.GetValue<int>());

        var again = await ImportAsync(csv);
        Assert.Equal(0, again["created"]!.GetValue<int>());
        Assert.Equal(2, again["unchanged"]!.GetValue<int>());

        var changed = await ImportAsync($"{header}\n{a};\"Асқар Бекұлы\";{a}@mail.example.kz;kk;rural-quota;bachelor;pedagogical;2025-06-20;2021;3700000;ПМУ;;\n");
        Assert.Equal("conflict", changed["errors"]![0]!["code"]!.GetValue<string>());

        var found = await api.JsonAsync(HttpMethod.Post, "/api/graduates/search", api.OperatorToken, new { iin = b });
        var hit = Assert.Single(found["items"]!.AsArray());
        Assert.Equal("serpin", hit!["category"]!.GetValue<string>());
        var obligation = await api.JsonAsync(HttpMethod.Get, $"/api/graduates/{hit["graduateId"]}/obligation", api.OperatorToken);
        Assert.Equal(new DateOnly(2025, 9, 1).AddMonths(18).DayNumber - new DateOnly(2025, 9, 1).DayNumber, obligation["requiredDays"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_review_queue_entry_lost_in_a_crash_is_restored_from_the_outbox()
    {
        var (graduateId, _, token) = await api.RegisterAsync();
        var id = await api.SubmitAsync(token, "unemployment-registration", new { referralDate = "2025-08-20", registeredFrom = "2025-09-01" }, Api.Pdf());
        Assert.Equal("awaiting-review", (await api.SettledAsync(token, id))["status"]!.GetValue<string>());
        async Task<bool> Queued() =>
            (await api.JsonAsync(HttpMethod.Get, "/api/review/documents?kind=unemployment-registration", api.OperatorToken))["items"]!.AsArray()
                .Any(i => i!["documentId"]!.GetValue<string>() == id);
        Assert.True(await Queued());

        // What a crash right after the commit leaves: the change and its outbox row, no index update.
        // (The change's own outbox sync may still be running: delete until it has run and the entry stays gone.)
        var queue = host.Storage.Table(Otrabotka.Functions.Storage.StorageNames.ReviewQueueTable);
        async Task<bool> Removed()
        {
            await foreach (var row in queue.QueryAsync<Azure.Data.Tables.TableEntity>($"PartitionKey eq 'awaiting-review' and DocumentId eq '{id}'"))
            {
                await queue.DeleteEntityAsync(row.PartitionKey, row.RowKey);
            }

            await Task.Delay(500);
            return !await Queued();
        }

        Assert.True(await LocalHostFixture.Eventually(Removed, TimeSpan.FromSeconds(20)), "the review queue entry kept coming back");
        var outbox = host.Service<Otrabotka.Functions.Notifications.Outbox>();
        var (syncId, sync) = outbox.IndexRow(graduateId, id);
        await outbox.CommitAsync(graduateId, [sync], [syncId], CancellationToken.None);
        Assert.True(await LocalHostFixture.Eventually(Queued, TimeSpan.FromSeconds(30)), "the review queue entry was not restored");
    }

    [Fact]
    public async Task An_operator_files_a_paper_document_for_a_graduate_and_sees_it_with_the_graduate()
    {
        var (graduateId, iin, token) = await api.RegisterAsync();
        using var filed = await api.UploadAsync(api.OperatorToken, "deferral-proof", new { serviceStart = "2025-10-01", serviceEnd = "2026-09-30" }, Api.Pdf(), path: $"/api/graduates/{graduateId}/documents");
        Assert.Equal(HttpStatusCode.Accepted, filed.StatusCode);
        var id = JsonNode.Parse(await filed.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();

        var graduate = await api.JsonAsync(HttpMethod.Get, $"/api/graduates/{graduateId}", api.OperatorToken);
        Assert.Equal(iin, graduate["iin"]!.GetValue<string>());
        var listed = Assert.Single((await api.JsonAsync(HttpMethod.Get, $"/api/graduates/{graduateId}/documents", api.OperatorToken)).AsArray());
        Assert.Equal("awaiting-review", listed!["status"]!.GetValue<string>());
        await api.JsonAsync(HttpMethod.Post, $"/api/review/documents/{id}/decision", api.OperatorToken, new { decision = "approve", note = "military ID checked" });

        // The graduate sees it too, and the service paused the obligation.
        var mine = await api.JsonAsync(HttpMethod.Get, $"/api/me/documents/{id}", token);
        Assert.Equal("operator", mine["history"]![0]!["actor"]!.GetValue<string>());
        var obligation = await api.JsonAsync(HttpMethod.Get, "/api/me/obligation", token);
        Assert.Equal(365, obligation["pausedDays"]!.GetValue<int>());
        Assert.Contains(obligation["periods"]!.AsArray(), p => p!["kind"]!.GetValue<string>() == "military-service" && !p["credited"]!.GetValue<bool>());
    }

    [Fact]
    public async Task An_operator_records_a_commission_exemption_and_the_obligation_becomes_exempt()
    {
        var (graduateId, _, token) = await api.RegisterAsync();
        var refused = await api.SendAsync(HttpMethod.Post, $"/api/graduates/{graduateId}/exemptions", api.OperatorToken, new { ground = "disability-1-2", commissionDecisionDate = "2025-07-01", disabilityGroup = 3 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        await api.JsonAsync(HttpMethod.Post, $"/api/graduates/{graduateId}/exemptions", api.OperatorToken, new { ground = "further-study", commissionDecisionDate = "2025-07-01", studyLevel = "master", enrolmentDate = "2025-08-25" }, HttpStatusCode.Created);
        var obligation = await api.JsonAsync(HttpMethod.Get, "/api/me/obligation", token);
        Assert.Equal("exempt", obligation["status"]!.GetValue<string>());
        Assert.Equal(0m, obligation["owedIfStoppedToday"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task A_default_dated_before_an_exemption_recorded_since_is_refused_and_declares_nothing()
    {
        // Found by a hostile probe: it answered 200 "exempt", yet audited a default and mailed the full amount.
        var (graduateId, iin, _) = await api.RegisterAsync(graduationDate: "2025-06-20");
        await api.JsonAsync(HttpMethod.Post, $"/api/graduates/{graduateId}/exemptions", api.OperatorToken, new { ground = "further-study", commissionDecisionDate = "2025-07-01", studyLevel = "master", enrolmentDate = "2025-08-25" }, HttpStatusCode.Created);
        using var refused = await api.SendAsync(HttpMethod.Post, $"/api/graduates/{graduateId}/default", api.OperatorToken, new { asOf = "2025-06-25", note = "Құжат жоқ." });
        var text = await refused.Content.ReadAsStringAsync();
        Assert.True(refused.StatusCode == HttpStatusCode.Conflict, text);
        Assert.Contains("not-defaultable", text, StringComparison.Ordinal);
        var obligation = await api.JsonAsync(HttpMethod.Get, $"/api/graduates/{graduateId}/obligation", api.OperatorToken);
        Assert.Equal("exempt", obligation["status"]!.GetValue<string>());
        Assert.DoesNotContain(host.Mail.Newest($"{iin}@graduate.example.kz"), m => m.Text.Contains("3\u00A0600\u00A0000,00", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Declaring_default_fixes_the_amount_as_of_its_date_and_tells_the_graduate_how_it_was_computed()
    {
        var (graduateId, iin, token) = await api.RegisterAsync(graduationDate: "2024-06-20");
        var obligation = await api.JsonAsync(HttpMethod.Post, $"/api/graduates/{graduateId}/default", api.OperatorToken, new { asOf = "2025-06-01", note = "no documents" });
        Assert.Equal("defaulted", obligation["status"]!.GetValue<string>());
        Assert.Equal(3_600_000.00m, obligation["owedIfStoppedToday"]!.GetValue<decimal>());
        using var again = await api.SendAsync(HttpMethod.Post, $"/api/graduates/{graduateId}/default", api.OperatorToken, new { asOf = "2025-06-01", note = "again" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var arrived = await LocalHostFixture.Eventually(() => Task.FromResult(host.Mail.Newest($"{iin}@graduate.example.kz").Any(m => m.Text.Contains("3\u00A0600\u00A0000,00", StringComparison.Ordinal))), TimeSpan.FromSeconds(30));
        Assert.True(arrived, "the default e-mail with the computation did not arrive");
        _ = token;
    }

    [Fact]
    public async Task A_graduate_updates_contact_details_and_withdraws_and_contests_documents()
    {
        var (_, _, token) = await api.RegisterAsync();
        var me = await api.JsonAsync(HttpMethod.Patch, "/api/me", token, new { email = "new.address@example.kz", language = "ru" });
        Assert.Equal("new.address@example.kz", me["email"]!.GetValue<string>());
        Assert.Equal("ru", me["language"]!.GetValue<string>());

        var pending = await api.SubmitAsync(token, "unemployment-registration", new { referralDate = "2025-08-20", registeredFrom = "2025-09-01" }, Api.Pdf());
        Assert.Equal("withdrawn", (await api.JsonAsync(HttpMethod.Post, $"/api/me/documents/{pending}/withdraw", token))["status"]!.GetValue<string>());
        using var twice = await api.SendAsync(HttpMethod.Post, $"/api/me/documents/{pending}/withdraw", token);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);

        var rejected = await api.SubmitAsync(token, "unemployment-registration", new { referralDate = "2025-09-20", registeredFrom = "2025-09-01" }, Api.Pdf());
        Assert.Equal("rejected", (await api.SettledAsync(token, rejected))["status"]!.GetValue<string>());
        Assert.Equal("awaiting-review", (await api.JsonAsync(HttpMethod.Post, $"/api/me/documents/{rejected}/contest", token, new { note = "the referral date on paper is 20.08" }))["status"]!.GetValue<string>());
        using var unknown = await api.SendAsync(HttpMethod.Post, $"/api/review/documents/{rejected}/decision", api.OperatorToken, new { decision = "reject", reasonCode = "no-such-reason" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("reasonCode", JsonNode.Parse(await unknown.Content.ReadAsStringAsync())!["errors"]![0]!["field"]!.GetValue<string>());
        var decided = await api.JsonAsync(HttpMethod.Post, $"/api/review/documents/{rejected}/decision", api.OperatorToken, new { decision = "reject", reasonCode = "dates-mismatch", note = "upheld" });
        Assert.Equal("dates-mismatch", decided["reasons"]![0]!["code"]!.GetValue<string>());
        var mine = await api.JsonAsync(HttpMethod.Get, $"/api/me/documents/{rejected}", token);
        Assert.Equal("Құжаттағы күндер өтінімде көрсетілген күндерге сәйкес келмейді.", mine["reasons"]![0]!["message"]!.GetValue<string>());
        var letter = await LocalHostFixture.Eventually(
            () => Task.FromResult(host.Mail.Newest("new.address@example.kz").Any(m => m.Text.Contains("• Даты в документе не совпадают", StringComparison.Ordinal)
                && m.Text.Contains("\nКомментарий оператора: upheld\n", StringComparison.Ordinal) && !m.Text.Contains("dates-mismatch", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(30));
        Assert.True(letter, "the rejection e-mail did not say the reason in Russian with the operator's note on its own line");
        using var again = await api.SendAsync(HttpMethod.Post, $"/api/me/documents/{rejected}/contest", token, new { note = "again" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("already-contested", JsonNode.Parse(await again.Content.ReadAsStringAsync())!["code"]!.GetValue<string>());

        var review = await api.JsonAsync(HttpMethod.Get, $"/api/review/documents/{rejected}", api.OperatorToken);
        Assert.NotNull(review["readUrl"]);
    }
}
