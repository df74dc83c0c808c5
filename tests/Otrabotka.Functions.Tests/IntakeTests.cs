using System.Net;
using System.Text.Json.Nodes;

namespace Otrabotka.Functions.Tests;

[Collection(LocalHostCollection.Name)]
public sealed class IntakeTests(LocalHostFixture host)
{
    private readonly Api api = new(host);

    private static int DaysSince(string iso) =>
        Domain.Almaty.Today(TimeProvider.System).DayNumber
        - DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture).DayNumber + 1;

    [Theory]
    [InlineData("rural-quota", "pedagogical", "bachelor", "education", "akmola", "village")]
    [InlineData("state-order", "medical", "residency", "healthcare", "astana", "city")]
    [InlineData("serpin", "technical", "bachelor", "other", "karaganda", "city")]
    [InlineData("state-order-other", "technical", "master", "other", "shymkent", "city")]
    [InlineData("phd", "other", "doctorate", "higher-education", "almaty-city", "city")]
    public async Task Each_category_goes_from_registration_to_accepted_employment_confirmed_by_the_employer(
        string category, string group, string level, string kind, string region, string settlement)
    {
        var (_, _, token) = await api.RegisterAsync(category, group, level);
        var employer = $"hr-{Guid.NewGuid():N}@employer.example.kz";
        var id = await api.SubmitAsync(token, "employment-confirmation", Api.Employment(kind, region, settlement, email: employer), Api.Pdf());
        var doc = await api.SettledAsync(token, id);
        Assert.Equal("awaiting-employer", doc["status"]!.GetValue<string>());

        var link = await api.EmployerTokenAsync(employer);
        var view = await api.JsonAsync(HttpMethod.Post, "/api/confirmations/view", null, new { token = link });
        Assert.Equal("инженер", view["position"]!.GetValue<string>());
        var decided = await api.JsonAsync(HttpMethod.Post, "/api/confirmations/decision", null, new { token = link, decision = "confirm", confirmerName = "Б. Омаров", confirmerPosition = "HR", note = (string?)null });
        Assert.Equal("accepted", decided["status"]!.GetValue<string>());

        var obligation = await api.JsonAsync(HttpMethod.Get, "/api/me/obligation", token);
        Assert.Equal("in-progress", obligation["status"]!.GetValue<string>());
        Assert.Equal(DaysSince("2025-09-01"), obligation["creditedDays"]!.GetValue<int>());
        var period = Assert.Single(obligation["periods"]!.AsArray());
        Assert.Equal("employment", period!["kind"]!.GetValue<string>());
        Assert.True(period["credited"]!.GetValue<bool>());

        var history = (await api.JsonAsync(HttpMethod.Get, $"/api/me/documents/{id}", token))["history"]!.AsArray().Select(h => h!["status"]!.GetValue<string>());
        Assert.Equal(["received", "validating", "awaiting-employer", "accepted"], history);
    }

    public static TheoryData<string, string, string, string, object, string> Rejections() => new()
    {
        { "rural-quota", "pedagogical", "bachelor", "employment-confirmation", Api.Employment("healthcare", "akmola", "village"), "organisation-kind-not-allowed" },
        { "rural-quota", "medical", "bachelor", "employment-confirmation", Api.Employment("healthcare", "akmola", "city"), "workplace-not-rural" },
        { "serpin", "technical", "bachelor", "employment-confirmation", Api.Employment("other", "astana", "city"), "region-not-serpin" },
        { "state-order-other", "technical", "bachelor", "employment-confirmation", Api.Employment(bin: Api.BadBin(Api.ValidBin())), "bin-checksum" },
        { "state-order-other", "technical", "bachelor", "exemption-proof", new { ground = "disability-1-2", commissionDecisionDate = "2024-12-01", disabilityGroup = 2 }, "decision-outside-graduation-year" },
        { "state-order-other", "technical", "bachelor", "exemption-proof", new { ground = "pregnancy-or-child-under-3", commissionDecisionDate = "2025-07-01", childBirthDate = "2022-06-30" }, "child-over-three" },
        { "state-order-other", "technical", "bachelor", "exemption-proof", new { ground = "disability-1-2", commissionDecisionDate = "2025-07-01", disabilityGroup = 3 }, "disability-group-not-eligible" },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public async Task A_document_that_breaks_a_rule_is_rejected_with_its_reason_code(string category, string group, string level, string kind, object metadata, string code)
    {
        var (_, _, token) = await api.RegisterAsync(category, group, level);
        var id = await api.SubmitAsync(token, kind, metadata, Api.Pdf());
        var doc = await api.SettledAsync(token, id);
        Assert.Equal("rejected", doc["status"]!.GetValue<string>());
        Assert.Contains(code, doc["reasons"]!.AsArray().Select(r => r!["code"]!.GetValue<string>()));
        Assert.All(doc["reasons"]!.AsArray(), r => Assert.False(string.IsNullOrWhiteSpace(r!["message"]!.GetValue<string>())));
    }

    [Fact]
    public async Task A_late_start_is_accepted_with_a_warning_and_the_days_before_it_stay_uncredited()
    {
        var (_, _, token) = await api.RegisterAsync();
        var employer = $"hr-{Guid.NewGuid():N}@employer.example.kz";
        var id = await api.SubmitAsync(token, "employment-confirmation", Api.Employment(start: "2025-10-15", email: employer), Api.Pdf());
        var doc = await api.SettledAsync(token, id);
        Assert.Equal("late-start", Assert.Single(doc["warnings"]!.AsArray())!["code"]!.GetValue<string>());
        var link = await api.EmployerTokenAsync(employer);
        await api.JsonAsync(HttpMethod.Post, "/api/confirmations/decision", null, new { token = link, decision = "confirm", confirmerName = "A", confirmerPosition = "B" });
        var obligation = await api.JsonAsync(HttpMethod.Get, "/api/me/obligation", token);
        Assert.Equal(DaysSince("2025-10-15"), obligation["creditedDays"]!.GetValue<int>());
    }

    public static TheoryData<string, byte[], string> BadFiles() => new()
    {
        { "empty", [], "file-empty" },
        { "an executable named .pdf", [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00], "file-type-unsupported" },
        { "an encrypted PDF", Api.EncryptedPdf(), "file-encrypted" },
        { "a truncated PDF", Api.Pdf()[..400], "file-corrupt" },
        { "a PNG with a broken body", BrokenPng(), "file-corrupt" },
        { "a 500-page PDF", Api.Pdf(500), "file-too-many-pages" },
        { "a PDF that runs JavaScript on open", HostileFiles.Pdf(catalog: "<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >> >>"), "file-active-content" },
        { "a PDF+ZIP polyglot", [.. HostileFiles.Pdf(), .. HostileFiles.Zip()], "file-trailing-data" },
        { "a PDF with a flate bomb", HostileFiles.Pdf(extra: HostileFiles.Stream("<< /Filter /FlateDecode >>", HostileFiles.Zeros(64L << 20))), "file-decoded-too-large" },
        { "a 21-gigapixel PNG", HostileFiles.PngHeader(150_000, 140_000), "file-too-many-pixels" },
    };

    private static byte[] BrokenPng()
    {
        var png = Api.Png();
        png[45] ^= 0xFF;
        return png;
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_file_is_rejected_with_a_clear_reason(string what, byte[] file, string code)
    {
        var (_, _, token) = await api.RegisterAsync();
        var id = await api.SubmitAsync(token, "employment-confirmation", Api.Employment(), file);
        var doc = await api.SettledAsync(token, id);
        Assert.True(doc["status"]!.GetValue<string>() == "rejected", what);
        Assert.Equal(code, doc["reasons"]![0]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_PDF_whose_text_says_Encrypt_passes_the_file_checks()
    {
        var (_, _, token) = await api.RegisterAsync();
        var doc = await api.SettledAsync(token, await api.SubmitAsync(token, "employment-confirmation", Api.Employment(), HostileFiles.Pdf(text: "/Encrypt")));
        Assert.Equal("awaiting-employer", doc["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_good_PNG_passes_the_file_checks()
    {
        var (_, _, token) = await api.RegisterAsync();
        var doc = await api.SettledAsync(token, await api.SubmitAsync(token, "employment-confirmation", Api.Employment(), Api.Png()));
        Assert.Equal("awaiting-employer", doc["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_21_MB_file_is_refused_with_413_and_a_too_large_direct_upload_is_rejected()
    {
        var (_, _, token) = await api.RegisterAsync();
        var big = new byte[21 * 1024 * 1024];
        "%PDF-1.7"u8.CopyTo(big);
        using var response = await api.UploadAsync(token, "employment-confirmation", Api.Employment(), big);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("file-too-large", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["code"]!.GetValue<string>());

        var upload = await api.JsonAsync(HttpMethod.Post, "/api/me/documents/uploads", token, new { kind = "employment-confirmation", metadata = System.Text.Json.JsonSerializer.Serialize(Api.Employment()) }, HttpStatusCode.Created);
        using var put = new HttpRequestMessage(HttpMethod.Put, upload["uploadUrl"]!.GetValue<string>()) { Content = new ByteArrayContent(big) };
        put.Headers.Add("x-ms-blob-type", "BlockBlob");
        using var putResponse = await host.Client.SendAsync(put);
        Assert.Equal(HttpStatusCode.Created, putResponse.StatusCode);
        var completed = await api.JsonAsync(HttpMethod.Post, $"/api/me/documents/{upload["id"]}/complete", token);
        Assert.Equal("rejected", completed["status"]!.GetValue<string>());
        Assert.Equal("file-too-large", completed["reasons"]![0]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_exact_duplicate_of_an_earlier_upload_is_rejected_naming_the_earlier_document()
    {
        var (_, _, token) = await api.RegisterAsync();
        var pdf = Api.Pdf();
        var first = await api.SubmitAsync(token, "employment-confirmation", Api.Employment(), pdf);
        await api.SettledAsync(token, first);
        var second = await api.SettledAsync(token, await api.SubmitAsync(token, "employment-confirmation", Api.Employment(), pdf));
        Assert.Equal("duplicate-file", second["reasons"]![0]!["code"]!.GetValue<string>());
        Assert.Equal(first, second["duplicateOf"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_gets_the_first_answer_and_another_body_gets_422()
    {
        var (_, _, token) = await api.RegisterAsync();
        var pdf = Api.Pdf();
        var metadata = Api.Employment();
        using var first = await api.UploadAsync(token, "employment-confirmation", metadata, pdf, "key-1");
        using var retry = await api.UploadAsync(token, "employment-confirmation", metadata, pdf, "key-1");
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.Equal(JsonNode.Parse(await first.Content.ReadAsStringAsync())!["id"]!.GetValue<string>(), JsonNode.Parse(await retry.Content.ReadAsStringAsync())!["id"]!.GetValue<string>());
        using var other = await api.UploadAsync(token, "employment-confirmation", metadata, Api.Pdf(), "key-1");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Single((await api.JsonAsync(HttpMethod.Get, "/api/me/documents", token)).AsArray());
    }

    [Fact]
    public async Task Ten_concurrent_retries_with_one_idempotency_key_create_one_document()
    {
        var (_, _, token) = await api.RegisterAsync();
        var pdf = Api.Pdf();
        var metadata = Api.Employment();
        var ids = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
        {
            using var response = await api.UploadAsync(token, "employment-confirmation", metadata, pdf, "same-key");
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
        }));
        Assert.Single(ids.Distinct());
        Assert.Single((await api.JsonAsync(HttpMethod.Get, "/api/me/documents", token)).AsArray());
    }

    [Fact]
    public async Task The_same_blob_event_delivered_twice_validates_once()
    {
        var (graduateId, _, token) = await api.RegisterAsync();
        var employer = $"hr-{Guid.NewGuid():N}@employer.example.kz";
        var upload = await api.JsonAsync(HttpMethod.Post, "/api/me/documents/uploads", token, new { kind = "employment-confirmation", metadata = System.Text.Json.JsonSerializer.Serialize(Api.Employment(email: employer)) }, HttpStatusCode.Created);
        var id = upload["id"]!.GetValue<string>();
        var blob = host.Storage.Container("intake").GetBlobClient($"{graduateId}/{id}");
        await blob.UploadAsync(new BinaryData(Api.Pdf()));
        var validate = host.Service<Otrabotka.Functions.UseCases.ValidateDocument>();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => validate.RunAsync(blob, $"{graduateId}/{id}", CancellationToken.None)));
        var doc = await api.SettledAsync(token, id);
        Assert.Equal(["received", "validating", "awaiting-employer"], doc["history"]!.AsArray().Select(h => h!["status"]!.GetValue<string>()));
        await api.EmployerTokenAsync(employer);
        await Task.Delay(1500);
        Assert.Single(host.Mail.Newest(employer));
    }

    [Fact]
    public async Task Fifty_concurrent_decisions_on_one_document_leave_one_outcome_and_a_consistent_history()
    {
        var (_, _, token) = await api.RegisterAsync();
        var id = await api.SubmitAsync(token, "unemployment-registration", new { referralDate = "2025-08-20", registeredFrom = "2025-09-01" }, Api.Pdf());
        Assert.Equal("awaiting-review", (await api.SettledAsync(token, id))["status"]!.GetValue<string>());
        var op = api.OperatorToken;
        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
        {
            using var r = await api.SendAsync(HttpMethod.Post, $"/api/review/documents/{id}/decision", op, i % 2 == 0 ? new { decision = "approve" } : new { decision = "reject", reasonCode = "illegible" });
            return r.StatusCode;
        }));
        Assert.Equal(1, responses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(49, responses.Count(s => s == HttpStatusCode.Conflict));
        var history = (await api.JsonAsync(HttpMethod.Get, $"/api/me/documents/{id}", token))["history"]!.AsArray().Select(h => h!["status"]!.GetValue<string>()).ToList();
        Assert.Equal(4, history.Count);
        Assert.Equal(["received", "validating", "awaiting-review"], history.Take(3));
        Assert.Contains(history[3], new[] { "accepted", "rejected" });
    }
}
