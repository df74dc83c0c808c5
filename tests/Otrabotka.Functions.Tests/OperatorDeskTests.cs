using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Otrabotka.Domain;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.Tests;

/// <summary>The operators' desk (issue 15) through the local host on Azurite: correct, find, count, export, audit.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class OperatorDeskTests(LocalHostFixture host)
{
    private const string Letters = "бвгдзклмнпрстфхчш";
    private readonly Api api = new(host);

    /// <summary>A surname no other test registers (random Cyrillic tail), so counts and hits are this test's own.</summary>
    private static string UniqueTail() => new(Enumerable.Range(0, 7).Select(_ => Letters[Random.Shared.Next(Letters.Length)]).ToArray());

    private async Task<string> RegisterAsync(string fullName, string category = "state-order-other", string group = "technical", string graduationDate = "2025-06-20")
    {
        var iin = Api.NewIin();
        using var response = await api.SendAsync(HttpMethod.Post, "/api/graduates", api.OperatorToken, new
        {
            iin, fullName, email = $"{iin}@graduate.example.kz", language = "kk", category, level = "bachelor", specialtyGroup = group,
            graduationDate, admissionYear = 2021, budgetCost = 3_600_000.00m, university = "ҚазҰУ",
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonNode.Parse(body)!["graduateId"]!.GetValue<string>();
    }

    private async Task<(HttpStatusCode Status, JsonNode? Body)> GetAsync(string path, string? token, string? language = null)
    {
        using var response = await api.SendAsync(HttpMethod.Get, path, token, language: language);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    private async Task<List<string>> FindAllAsync(string query, int pageSize)
    {
        var ids = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await api.JsonAsync(HttpMethod.Get, $"/api/operator/graduates?q={Uri.EscapeDataString(query)}&pageSize={pageSize}" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token)), api.OperatorToken);
            var items = page["items"]!.AsArray();
            Assert.True(items.Count <= pageSize, $"a page of {items.Count} for a page size of {pageSize}");
            ids.AddRange(items.Select(i => i!["graduateId"]!.GetValue<string>()));
            token = page["continuationToken"]?.GetValue<string>();
            Assert.True(++pages < 20, "the pages did not end");
        }
        while (token is not null);
        return ids;
    }

    [Fact]
    public async Task A_Kazakh_surname_typed_without_Kazakh_letters_finds_its_graduates_from_the_index_in_bounded_pages()
    {
        var tail = UniqueTail();
        var surname = "Бөкейхан" + tail;
        var alikhan = await RegisterAsync($"Әлихан {surname} Нұрғалиұлы");
        var galiya = await RegisterAsync($"Ғалия {surname}", category: "serpin");
        var inkar = await RegisterAsync($"Іңкәр {surname}-Сейітқызы");

        var all = await FindAllAsync(("БОКЕЙХАН" + tail).ToUpperInvariant(), pageSize: 2);
        Assert.Equal(new[] { alikhan, galiya, inkar }.Order(), all.Order());

        Assert.Equal([galiya], await FindAllAsync($"галия бокейхан{tail}", pageSize: 25));
        Assert.Equal([inkar], await FindAllAsync($"бокейхан{tail} сейит", pageSize: 25));
        Assert.Equal([alikhan], await FindAllAsync($"нургали бокейхан{tail}", pageSize: 25));

        var serpin = await api.JsonAsync(HttpMethod.Get, "/api/operator/graduates?category=serpin&q=" + Uri.EscapeDataString("бокейхан" + tail), api.OperatorToken);
        var hit = Assert.Single(serpin["items"]!.AsArray());
        Assert.Equal(galiya, hit!["graduateId"]!.GetValue<string>());
        Assert.Equal($"Ғалия {surname}", hit["fullName"]!.GetValue<string>());
        Assert.Equal("ҚазҰУ", hit["university"]!.GetValue<string>());

        // The older route keeps its body and answers from the same index.
        var legacy = await api.JsonAsync(HttpMethod.Post, "/api/graduates/search", api.OperatorToken, new { name = "бөкейхан" + tail });
        Assert.Equal(3, legacy["items"]!.AsArray().Count);
        Assert.Empty((await api.JsonAsync(HttpMethod.Post, "/api/graduates/search", api.OperatorToken, new { name = "жоқадам" + tail }))["items"]!.AsArray());
    }

    [Fact]
    public async Task Hostile_search_inputs_are_refused_with_a_problem_or_find_nothing_and_never_fail()
    {
        foreach (var (query, code) in new[]
        {
            ("q=сапарова&pageSize=100000", "out-of-range"),
            ("q=сапарова&pageSize=0", "out-of-range"),
            ("q=сапарова&pageSize=abc", "out-of-range"),
            ("q=a", "search-word-too-short"),
            ("q=" + Uri.EscapeDataString("!!! ---"), "search-no-words"),
            ("q=" + new string('я', 201), "too-long"),
            ("q=" + Uri.EscapeDataString("аа бб вв гг дд ее жж"), "search-too-many-words"),
            ("category=sideways", "unknown-value"),
            ("pageSize=5", "search-needs-criteria"),
        })
        {
            var (status, body) = await GetAsync("/api/operator/graduates?" + query, api.OperatorToken);
            Assert.True(status == HttpStatusCode.BadRequest, $"{query}: {(int)status} {body}");
            var codes = body!["errors"]?.AsArray().Select(e => e!["code"]!.GetValue<string>()).ToList() ?? [];
            Assert.True(codes.Contains(code) || body["code"]!.GetValue<string>() == code, $"{query}: {body}");
        }

        // A token this route did not make (tampered tokens that decode can only move within the query's own partition).
        foreach (var token in new[] { "garbage", "!!", Convert.ToBase64String("99:"u8.ToArray()), Convert.ToBase64String("-1:x"u8.ToArray()) })
        {
            var (status, body) = await GetAsync("/api/operator/graduates?q=сапарова&continuationToken=" + Uri.EscapeDataString(token), api.OperatorToken);
            Assert.True(status == HttpStatusCode.BadRequest, $"{token}: {(int)status} {body}");
            Assert.Equal("invalid-continuation-token", body!["code"]!.GetValue<string>());
        }

        // OData-looking text is words to match, never a filter: every registered "Сапарова" stays unfound.
        foreach (var text in new[] { "сапарова' or 'aa' eq 'aa", "Сапарова') or PartitionKey ne ('", "сапарова\" or RowKey gt \"" })
        {
            var found = await api.JsonAsync(HttpMethod.Get, "/api/operator/graduates?q=" + Uri.EscapeDataString(text), api.OperatorToken);
            Assert.Empty(found["items"]!.AsArray());
        }

        var (ru, problem) = await GetAsync("/api/operator/graduates?q=a", api.OperatorToken, language: "ru");
        Assert.Equal(HttpStatusCode.BadRequest, ru);
        Assert.Equal(TextCatalog.Default.Format("operator.search-word-too-short", Language.Ru, ("min", "2")), problem!["errors"]![0]!["detail"]!.GetValue<string>());

        var (_, _, graduateToken) = await api.RegisterAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("/api/operator/graduates?q=сапарова", null)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync("/api/operator/graduates?q=сапарова", graduateToken)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync("/api/operator/graduates?q=сапарова", api.SupervisorToken)).Status);
    }

    [Fact]
    public async Task An_operator_corrects_a_graduate_the_change_is_in_history_the_ledger_follows_and_the_graduate_is_told()
    {
        var graduateId = await RegisterAsync("Дәурен Оспанов" + UniqueTail());
        using var opened = await api.SendAsync(HttpMethod.Get, $"/api/operator/graduates/{graduateId}", api.OperatorToken);
        var view = JsonNode.Parse(await opened.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var etag = view["etag"]!.GetValue<string>();
        Assert.Equal(etag, opened.Headers.ETag!.ToString());
        var oldEmail = view["graduate"]!["email"]!.GetValue<string>();
        var newEmail = "corrected-" + oldEmail;

        // The profile row is rewritten under the operator without a registration field changing — as index sync writes
        // its status snapshot after a reminder run or a calendar move, or the feed its state: the row's storage ETag
        // moves, the registration the operator opened does not, so the correction goes on.
        await host.Service<IndexSync>().RunAsync(graduateId, null, CancellationToken.None);
        await RewriteProfileRowAsync(graduateId);

        var corrected = await PatchAsync(graduateId, new { changes = new { email = newEmail, budgetCost = 4_000_000 }, reason = "Университеттің №12 хаты" }, etag);
        Assert.Equal(HttpStatusCode.OK, corrected.Status);
        var entry = corrected.Body!["corrections"]![0]!;
        Assert.Equal("operator-1", entry["actorId"]!.GetValue<string>());
        Assert.Equal("operator", entry["actor"]!.GetValue<string>());
        Assert.Equal("Университеттің №12 хаты", entry["reason"]!.GetValue<string>());
        Assert.True(entry["obligationChanged"]!.GetValue<bool>());
        var changes = entry["changes"]!.AsArray().ToDictionary(c => c!["field"]!.GetValue<string>(), c => (Old: c!["old"]!.GetValue<string>(), New: c["new"]!.GetValue<string>()));
        Assert.Equal((oldEmail, newEmail), changes["email"]);
        Assert.Equal(("3600000.00", "4000000"), changes["budgetCost"]);
        Assert.Equal(2, changes.Count);
        Assert.Equal(newEmail, corrected.Body["graduate"]!["email"]!.GetValue<string>());

        var obligation = await api.JsonAsync(HttpMethod.Get, $"/api/graduates/{graduateId}/obligation", api.OperatorToken);
        Assert.Equal(4_000_000m, obligation["owedIfStoppedToday"]!.GetValue<decimal>());
        Assert.True(await LocalHostFixture.Eventually(
            () => Task.FromResult(host.Mail.Newest(newEmail).Any(m => m.Subject == TextCatalog.Default.Get("mail.obligation-corrected.subject", Language.Kk))), TimeSpan.FromSeconds(30)),
            "the graduate was not told of the change to their obligation");

        // The ETag read before the change no longer matches; the same values again change nothing.
        var stale = await PatchAsync(graduateId, new { changes = new { university = "ЕҰУ" }, reason = "тағы" }, etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.Status);
        Assert.Equal("precondition-failed", stale.Body!["code"]!.GetValue<string>());
        var same = await PatchAsync(graduateId, new { changes = new { email = newEmail }, reason = "қайта" }, null);
        Assert.Equal(HttpStatusCode.OK, same.Status);
        Assert.Single(same.Body!["corrections"]!.AsArray());
    }

    /// <summary>Writes the profile row again as it is: its storage ETag moves, no field does.</summary>
    private async Task RewriteProfileRowAsync(string graduateId)
    {
        var table = host.Storage.Table(StorageNames.GraduatesTable);
        var row = (await table.GetEntityAsync<TableEntity>(graduateId, GraduateStore.ProfileKey(graduateId))).Value;
        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
    }

    [Fact]
    public async Task A_correction_with_bad_input_is_a_problem_naming_the_field_and_the_IIN_never_changes()
    {
        var graduateId = await RegisterAsync("Ерлан Ахметов" + UniqueTail());
        foreach (var (body, field, code) in new (object Body, string Field, string Code)[]
        {
            (new { changes = new { iin = Api.NewIin() }, reason = "ЖСН қате" }, "iin", "field-not-correctable"),
            (new { changes = new { region = "astana" }, reason = "өңір" }, "region", "field-not-correctable"),
            (new { changes = new { email = "not-an-address" }, reason = "пошта" }, "email", "invalid-email"),
            (new { changes = new { admissionYear = 2030 }, reason = "жыл" }, "admissionYear", "after-graduation"),
            (new { changes = new { email = "a@b.kz" } }, "reason", "required"),
            (new { changes = new { email = "a@b.kz" }, reason = "x" }, "reason", "reason-too-short"),
            (new { changes = new { budgetCost = 79228162514264337593543950335m }, reason = "сома" }, "budgetCost", "budget-cost-too-large"),
            (new { changes = new { graduationDate = "2199-06-30" }, reason = "күн" }, "graduationDate", "graduation-too-late"),
            (new { changes = new { graduationDate = "9999-06-30" }, reason = "күн" }, "graduationDate", "date-out-of-range"),
            (new { changes = new { }, reason = "бос" }, "changes", "changes-required"),
            (new { changes = "email", reason = "мәтін" }, "changes", "changes-required"),
        })
        {
            var (status, problem) = await PatchAsync(graduateId, body, null);
            Assert.True(status == HttpStatusCode.BadRequest, $"{field}: {(int)status} {problem}");
            var errors = problem!["errors"]!.AsArray();
            Assert.True(errors.Any(e => e!["field"]!.GetValue<string>() == field && e["code"]!.GetValue<string>() == code), $"{field}/{code}: {problem}");
        }

        Assert.Equal(HttpStatusCode.NotFound, (await PatchAsync("g0000000000000000000000000000000", new { changes = new { fullName = "Х Х" }, reason = "жоқ" }, null)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await PatchAsync("..%2F..%2Fx", new { changes = new { fullName = "Х Х" }, reason = "жоқ" }, null)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("/api/operator/graduates/g' or '1'='1", api.OperatorToken)).Status);
        Assert.Empty((await api.JsonAsync(HttpMethod.Get, $"/api/operator/graduates/{graduateId}", api.OperatorToken))["corrections"]!.AsArray());
    }

    [Fact]
    public async Task The_dashboard_counts_equal_what_the_test_created_and_come_from_counters()
    {
        var before = await api.JsonAsync(HttpMethod.Get, "/api/operator/dashboard", api.OperatorToken);
        await RegisterAsync("Серпін Бір" + UniqueTail(), category: "serpin");
        await RegisterAsync("Серпін Екі" + UniqueTail(), category: "serpin");
        await RegisterAsync("Ауыл Үш" + UniqueTail(), category: "rural-quota", group: "pedagogical");
        var after = await api.JsonAsync(HttpMethod.Get, "/api/operator/dashboard", api.OperatorToken);

        static long Count(JsonNode view, string table, string? code) =>
            view[table]!.AsArray().Where(l => l!["code"]?.GetValue<string>() == code).Sum(l => l!["count"]!.GetValue<long>());
        Assert.Equal(3, after["total"]!.GetValue<long>() - before["total"]!.GetValue<long>());
        Assert.Equal(2, Count(after, "byCategory", "serpin") - Count(before, "byCategory", "serpin"));
        Assert.Equal(1, Count(after, "byCategory", "rural-quota") - Count(before, "byCategory", "rural-quota"));
        foreach (var table in new[] { "byCategory", "byRegion", "byStatus" })
        {
            Assert.Equal(after["total"]!.GetValue<long>(), after[table]!.AsArray().Sum(l => l!["count"]!.GetValue<long>()));
        }

        Assert.Equal(Count(after, "byStatus", "at-risk"), after["atRisk"]!.GetValue<long>());
        Assert.True(after["waitingLongest"]!.AsArray().Count <= 10);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync("/api/operator/dashboard", api.SupervisorToken)).Status);
    }

    [Fact]
    public async Task The_export_of_defaulted_obligations_streams_the_amounts_and_escapes_cells_a_spreadsheet_would_run()
    {
        var graduateId = await RegisterAsync("=HYPERLINK(\"http://evil.example\",\"x\") Бекұлы", graduationDate: "2024-06-20");
        var plain = await RegisterAsync("@SUM(1+1) Сәрсенов", graduationDate: "2024-06-20");
        foreach (var id in new[] { graduateId, plain })
        {
            await api.JsonAsync(HttpMethod.Post, $"/api/graduates/{id}/default", api.OperatorToken, new { asOf = "2025-06-01", note = "құжат жоқ" });
        }

        using var response = await api.SendAsync(HttpMethod.Get, "/api/operator/exports/defaulted", api.OperatorToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = System.Text.Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal("graduateId,iin,fullName,category,region,university,defaultAsOf,amountOwed", lines[0]);
        var line = Assert.Single(lines, l => l.StartsWith(graduateId + ",", StringComparison.Ordinal));
        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\") Бекұлы\",", line, StringComparison.Ordinal);
        Assert.EndsWith(",2025-06-01,3600000.00", line, StringComparison.Ordinal);
        Assert.Contains(",'@SUM(1+1) Сәрсенов,", Assert.Single(lines, l => l.StartsWith(plain + ",", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.Contains(",=", StringComparison.Ordinal) || l.Contains(",@", StringComparison.Ordinal) || l.Contains(",+", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_operators_preview_of_a_document_is_in_the_audit_trail_that_only_a_supervisor_reads_and_nobody_edits()
    {
        var (graduateId, _, token) = await api.RegisterAsync();
        var documentId = await api.SubmitAsync(token, "unemployment-registration", new { referralDate = "2025-08-20", registeredFrom = "2025-09-01" }, Api.Pdf());
        Assert.Equal("awaiting-review", (await api.SettledAsync(token, documentId))["status"]!.GetValue<string>());
        var reviewer = "reviewer-" + UniqueTail();
        var reviewerToken = host.Token("operator", reviewer);
        var preview = await api.JsonAsync(HttpMethod.Get, $"/api/review/documents/{documentId}", reviewerToken);
        Assert.NotNull(preview["readUrl"]);
        await api.JsonAsync(HttpMethod.Get, $"/api/operator/graduates/{graduateId}", reviewerToken);

        var trail = await api.JsonAsync(HttpMethod.Get, $"/api/operator/audit?graduateId={graduateId}", api.SupervisorToken);
        var entries = trail["items"]!.AsArray();
        var previewed = Assert.Single(entries, e => e!["action"]!.GetValue<string>() == "document-previewed");
        Assert.Equal(reviewer, previewed!["actorId"]!.GetValue<string>());
        Assert.Equal("operator", previewed["role"]!.GetValue<string>());
        Assert.Equal(documentId, previewed["documentId"]!.GetValue<string>());
        Assert.Equal(graduateId, previewed["graduateId"]!.GetValue<string>());
        Assert.True(DateTimeOffset.UtcNow - previewed["at"]!.GetValue<DateTimeOffset>() < TimeSpan.FromMinutes(5));
        Assert.Equal("graduate-opened", entries[0]!["action"]!.GetValue<string>());
        var today = await api.JsonAsync(HttpMethod.Get, "/api/operator/audit?pageSize=100", api.SupervisorToken);
        Assert.Contains(today["items"]!.AsArray(), e => e!["actorId"]!.GetValue<string>() == reviewer && e["action"]!.GetValue<string>() == "document-previewed");

        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync($"/api/operator/audit?graduateId={graduateId}", reviewerToken)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync($"/api/operator/audit?graduateId={graduateId}", token)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync($"/api/operator/audit?graduateId={graduateId}", null)).Status);
        foreach (var query in new[] { "graduateId=" + Uri.EscapeDataString("g' or '1'='1"), $"graduateId={graduateId}&date=2026-01-01", "date=yesterday", "pageSize=1000", "pageSize=-1" })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await GetAsync("/api/operator/audit?" + query, api.SupervisorToken)).Status);
        }

        foreach (var method in new[] { HttpMethod.Delete, HttpMethod.Put, HttpMethod.Patch, HttpMethod.Post })
        {
            using var change = await api.SendAsync(method, $"/api/operator/audit?graduateId={graduateId}", api.SupervisorToken, new { action = "nothing" });
            Assert.True((int)change.StatusCode is 404 or 405, $"{method}: {(int)change.StatusCode}");
        }

        Assert.Equal(entries.Count, (await api.JsonAsync(HttpMethod.Get, $"/api/operator/audit?graduateId={graduateId}", api.SupervisorToken))["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task The_token_command_mints_a_supervisor_token_the_local_API_accepts()
    {
        await using var command = LocalHostProcess.Start(
            new Dictionary<string, string?>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development", ["DOTNET_ENVIRONMENT"] = "Development", ["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development",
                ["Auth__SigningKey"] = host.Service<Microsoft.Extensions.Options.IOptions<Otrabotka.Functions.Configuration.AuthSettings>>().Value.SigningKey,
            },
            ["token", "--role", "supervisor", "--sub", "sup-7"]);
        var code = await command.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.True(code == 0, command.Output);
        var jwt = command.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Single(l => l.StartsWith("eyJ", StringComparison.Ordinal));
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(jwt);
        Assert.Equal("sup-7", token.Subject);
        Assert.Contains(token.Claims, c => c.Type == "roles" && c.Value == "supervisor");
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/api/operator/audit", jwt)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync("/api/operator/dashboard", jwt)).Status);
    }

    private async Task<(HttpStatusCode Status, JsonNode? Body)> PatchAsync(string graduateId, object body, string? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/operator/graduates/{graduateId}") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", api.OperatorToken);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        using var response = await host.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }
}
