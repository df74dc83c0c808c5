using System.Net;
using System.Text.Json.Nodes;

namespace Otrabotka.Functions.Tests;

/// <summary>Requests scripts/probe-hostile.sh sent that answered 5xx or broke an invariant: each now a 4xx problem.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class HostileInputTests(LocalHostFixture host)
{
    private readonly Api api = new(host);

    private static readonly object ChildBornOnTheLastDay = new { ground = "pregnancy-or-child-under-3", commissionDecisionDate = "9999-12-31", childBirthDate = "9999-12-31" };

    [Fact]
    public async Task An_exemption_with_a_child_born_on_the_last_representable_day_is_refused_not_a_500()
    {
        var (graduateId, _, _) = await api.RegisterAsync();
        using var response = await api.SendAsync(HttpMethod.Post, $"/api/graduates/{graduateId}/exemptions", api.OperatorToken, ChildBornOnTheLastDay, "en");
        AssertDateOutOfRange(await AssertProblemAsync(response, HttpStatusCode.BadRequest), "childBirthDate");
    }

    [Fact]
    public async Task A_graduates_exemption_proof_with_a_child_born_on_the_last_representable_day_is_refused_not_a_500()
    {
        var (_, _, token) = await api.RegisterAsync();
        using var response = await api.UploadAsync(token, "exemption-proof", ChildBornOnTheLastDay, Api.Pdf());
        AssertDateOutOfRange(await AssertProblemAsync(response, HttpStatusCode.BadRequest), "childBirthDate");
    }

    [Theory]
    [InlineData("""{"serviceStart":"2025-07-01","serviceEnd":"9999-12-31"}""", "serviceEnd")]
    [InlineData("""{"serviceStart":"0001-01-01","serviceEnd":"0001-01-01"}""", "serviceStart")]
    [InlineData("""{"serviceStart":"1899-12-31"}""", "serviceStart")]
    public async Task A_deferral_dated_outside_the_plausible_years_is_refused_at_upload_not_left_for_an_approval_that_fails(string metadata, string field)
    {
        // Before: both answered 202 and waited for review, and approving either answered 500 for ever (date arithmetic overflowed).
        var (_, _, token) = await api.RegisterAsync();
        using var response = await api.UploadAsync(token, "deferral-proof", System.Text.Json.JsonDocument.Parse(metadata).RootElement, Api.Pdf());
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        AssertDateOutOfRange(problem, field);
        Assert.Empty((await api.JsonAsync(HttpMethod.Get, "/api/me/documents", token)).AsArray());
    }

    [Fact]
    public async Task Dates_at_the_edges_of_the_plausible_years_are_read()
    {
        var (graduateId, _, _) = await api.RegisterAsync();
        using var early = await api.SendAsync(HttpMethod.Post, $"/api/graduates/{graduateId}/default", api.OperatorToken, new { asOf = "1900-01-01", note = "Ерте күн." });
        Assert.Contains("default-before-graduation", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var late = await api.SendAsync(HttpMethod.Get, "/api/operator/audit?date=2199-12-31", api.SupervisorToken);
        Assert.True(late.StatusCode == HttpStatusCode.OK, await late.Content.ReadAsStringAsync());
        using var past = await api.SendAsync(HttpMethod.Get, "/api/operator/audit?date=2200-01-01", api.SupervisorToken);
        Assert.Contains("date-out-of-range", await past.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2000-01-01")]
    [InlineData("2025-06-19")]
    public async Task Default_as_of_a_day_before_graduation_is_refused_and_declares_nothing(string asOf)
    {
        var (graduateId, _, _) = await api.RegisterAsync(graduationDate: "2025-06-20");
        using var response = await api.SendAsync(HttpMethod.Post, $"/api/graduates/{graduateId}/default", api.OperatorToken, new { asOf, note = "Жұмысқа орналаспады." }, "ru");
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var error = Assert.Single(problem["errors"]!.AsArray());
        Assert.Equal("asOf", error!["field"]!.GetValue<string>());
        Assert.Equal("default-before-graduation", error["code"]!.GetValue<string>());
        Assert.Contains("окончания обучения", error["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var obligation = await api.JsonAsync(HttpMethod.Get, $"/api/graduates/{graduateId}/obligation", api.OperatorToken);
        Assert.NotEqual("defaulted", obligation["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Default_as_of_the_graduation_day_is_still_declared()
    {
        var (graduateId, _, _) = await api.RegisterAsync(graduationDate: "2025-06-20");
        var obligation = await api.JsonAsync(HttpMethod.Post, $"/api/graduates/{graduateId}/default", api.OperatorToken, new { asOf = "2025-06-20", note = "Жұмысқа орналаспады." });
        Assert.Equal("defaulted", obligation["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_upload_past_the_servers_request_limit_is_a_413_file_too_large_not_a_broken_form()
    {
        var (_, _, token) = await api.RegisterAsync();
        var file = new byte[31 * 1024 * 1024];
        Api.Pdf().CopyTo(file, 0);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/me/documents");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        // As curl and browsers do for a large body: the server answers before the body is sent, and the client reads that answer.
        request.Headers.ExpectContinue = true;
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        request.Content = new MultipartFormDataContent
        {
            { new StringContent("employment-confirmation"), "kind" },
            { new StringContent(System.Text.Json.JsonSerializer.Serialize(Api.Employment())), "metadata" },
            { content, "file", "document.pdf" },
        };
        using var response = await api.Client.SendAsync(request);
        var problem = await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("file-too-large", problem["code"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("GET", "/api/nope", 404, "not-found", "en", "Not found")]
    [InlineData("GET", "/api/graduates/%2e%2e", 404, "not-found", "ru", "Не найдено")]
    [InlineData("GET", "/assets/no-such-asset.js", 404, "not-found", "kk", "Табылмады")]
    [InlineData("DELETE", "/api/me", 405, "method-not-allowed", "en", "Error")]
    [InlineData("PUT", "/api/openapi.json", 405, "method-not-allowed", "ru", "Ошибка")]
    public async Task A_request_no_route_matches_is_answered_with_problem_details_in_the_callers_language(string method, string path, int status, string code, string language, string title)
    {
        using var response = await api.SendAsync(new HttpMethod(method), path, null, null, language);
        var problem = await AssertProblemAsync(response, (HttpStatusCode)status);
        Assert.Equal(code, problem["code"]!.GetValue<string>());
        Assert.Equal(status, problem["status"]!.GetValue<int>());
        Assert.Equal(title, problem["title"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("en;q=0.1,ru;q=0.9", "Требуется авторизация")]
    [InlineData("de-DE,kk;q=0.4,en;q=0.3", "Авторизация қажет")]
    public async Task A_problem_is_in_the_language_the_caller_weighs_highest(string acceptLanguage, string title)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        using var response = await api.Client.SendAsync(request);
        var problem = await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal(title, problem["title"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("file")]
    [InlineData("kind")]
    [InlineData("metadata")]
    public async Task An_upload_with_a_part_twice_is_refused_naming_it_and_stores_nothing(string part)
    {
        var (_, _, token) = await api.RegisterAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/me/documents");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        request.Headers.AcceptLanguage.ParseAdd("en");
        var form = new MultipartFormDataContent();
        foreach (var _ in Enumerable.Range(0, part == "kind" ? 2 : 1))
        {
            form.Add(new StringContent("employment-confirmation"), "kind");
        }

        foreach (var _ in Enumerable.Range(0, part == "metadata" ? 2 : 1))
        {
            form.Add(new StringContent(System.Text.Json.JsonSerializer.Serialize(Api.Employment())), "metadata");
        }

        foreach (var _ in Enumerable.Range(0, part == "file" ? 2 : 1))
        {
            var file = new ByteArrayContent(Api.Pdf());
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
            form.Add(file, "file", "document.pdf");
        }

        request.Content = form;
        using var response = await api.Client.SendAsync(request);
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var error = Assert.Single(problem["errors"]!.AsArray());
        Assert.Equal(part, error!["field"]!.GetValue<string>());
        Assert.Equal("field-repeated", error["code"]!.GetValue<string>());
        Assert.Empty((await api.JsonAsync(HttpMethod.Get, "/api/me/documents", token)).AsArray());
    }

    private static void AssertDateOutOfRange(JsonNode problem, string field) =>
        Assert.True(
            problem["errors"]!.AsArray().Any(e => e!["field"]!.GetValue<string>().EndsWith(field, StringComparison.Ordinal) && e["code"]!.GetValue<string>() == "date-out-of-range"),
            problem.ToJsonString());

    private static async Task<JsonNode> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(text)!;
    }
}
