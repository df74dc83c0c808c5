using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Otrabotka.Functions.Tests;

/// <summary>The pages' routes and headers, the enumerations, and the public pre-check with its rate limit.</summary>
[Collection(LocalHostCollection.Name)]
public sealed partial class PagesApiTests(LocalHostFixture host)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/graduate")]
    [InlineData("/check")]
    [InlineData("/confirm")]
    public async Task Every_page_has_the_security_headers_and_a_policy_with_no_inline_script(string path)
    {
        using var response = await host.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("style-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Contains(host.Storage.Blobs.Uri.GetLeftPart(UriPartial.Authority), ConnectSources(csp));
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());

        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("{{", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", Regex.Replace(html, "data-authority=\"[^\"]*\"", ""), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assets_are_the_bundle_only_and_no_catch_all_swallows_other_paths()
    {
        using var css = await host.Client.GetAsync("/assets/site.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        var etag = css.Headers.ETag!;
        using var again = new HttpRequestMessage(HttpMethod.Get, "/assets/site.css");
        again.Headers.IfNoneMatch.Add(etag);
        using var notModified = await host.Client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        foreach (var path in new[] { "/assets/index.html", "/assets/nope.js", "/assets/..%2FOtrabotka.Functions.dll", "/graduate/x", "/nothing", "/api/nothing", "/check/../api" })
        {
            using var response = await host.Client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
        }

        // The page texts: the same keys in each language.
        var kk = (await host.Client.GetFromJsonAsync<Dictionary<string, string>>("/assets/pages.kk.json"))!;
        foreach (var lang in new[] { "ru", "en" })
        {
            var other = (await host.Client.GetFromJsonAsync<Dictionary<string, string>>($"/assets/pages.{lang}.json"))!;
            Assert.Equal(kk.Keys.Order(), other.Keys.Order());
        }
    }

    [Fact]
    public async Task The_enumerations_name_every_value_in_three_languages()
    {
        var all = JsonNode.Parse(await host.Client.GetStringAsync("/api/enumerations"))!;
        Assert.Equal(20, all["regions"]!.AsArray().Count);
        var akmola = all["regions"]!.AsArray().Single(r => r!["value"]!.GetValue<string>() == "akmola")!;
        Assert.Equal("Ақмола облысы", akmola["name"]!["kk"]!.GetValue<string>());
        Assert.Equal("Акмолинская область", akmola["name"]!["ru"]!.GetValue<string>());
        Assert.Equal(7, all["organisationKinds"]!.AsArray().Count);
        Assert.All(all["documentKinds"]!.AsArray(), k => Assert.False(string.IsNullOrEmpty(k!["name"]!["en"]!.GetValue<string>())));
        Assert.Contains("fincenter@fincenter.kz", all["contacts"]!["ru"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pre_check_counts_a_workplace_when_any_of_its_kinds_qualifies_and_names_every_reason()
    {
        var request = Check(kinds: ["other"], region: "akmola", settlement: "village");
        var refused = await CheckAsync(request, "ru");
        Assert.False(refused["counts"]!.GetValue<bool>());
        Assert.Equal("Эта работа не засчитывается в отработку.", refused["verdict"]!.GetValue<string>());
        Assert.Equal(["organisation-kind-not-allowed"], Codes(refused["reasons"]!));
        Assert.Equal("п. 17 ст. 47 Закона РК «Об образовании»", refused["reasons"]![0]!["law"]!.GetValue<string>());

        var counts = await CheckAsync(Check(kinds: ["other", "education"], region: "akmola", settlement: "village"), "en");
        Assert.True(counts["counts"]!.GetValue<bool>());
        Assert.Equal(36, counts["terms"]!["months"]!.GetValue<int>());

        var city = await CheckAsync(Check(kinds: ["other"], region: "astana", settlement: "city", start: "2099-01-01"), "kk");
        Assert.Equal(["organisation-kind-not-allowed", "workplace-not-rural"], Codes(city["reasons"]!));
        Assert.Equal(["late-start"], Codes(city["warnings"]!));
    }

    [Fact]
    public async Task The_pre_check_answers_bad_input_with_a_problem_in_the_callers_language()
    {
        using var missing = await PostAsync(new { category = "rural-quota" }, "ru");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var problem = JsonNode.Parse(await missing.Content.ReadAsStringAsync())!;
        Assert.Equal("validation-failed", problem["code"]!.GetValue<string>());
        Assert.Contains(problem["errors"]!.AsArray(), e => e!["field"]!.GetValue<string>() == "level" && e["detail"]!.GetValue<string>().Contains("обязательно", StringComparison.Ordinal));

        foreach (var kinds in new object[] { "education", new[] { "school" }, Array.Empty<string>(), new[] { 1 } })
        {
            using var bad = await PostAsync(new { category = "rural-quota", level = "bachelor", specialtyGroup = "pedagogical", organisationKinds = kinds, ownership = "state", region = "akmola", settlementType = "village" }, "en");
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("organisationKinds", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var text = await host.Client.PostAsync("/api/check", new StringContent("category=rural-quota"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
    }

    [Fact]
    public async Task The_pre_check_is_rate_limited_per_client_with_retry_after()
    {
        var client = $"203.0.113.{Random.Shared.Next(1, 250)}";
        var other = $"198.51.100.{Random.Shared.Next(1, 250)}";
        var request = Check(kinds: ["education"], region: "akmola", settlement: "village");
        for (var i = 0; i < 30; i++)
        {
            using var ok = await PostAsync(request, "en", client);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var limited = await PostAsync(request, "ru", $"10.0.0.1, {client}");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        var problem = JsonNode.Parse(await limited.Content.ReadAsStringAsync())!;
        Assert.Equal("too-many-requests", problem["code"]!.GetValue<string>());
        Assert.Contains("Слишком много проверок", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(limited.Headers.RetryAfter.Delta.Value.TotalSeconds, problem["retryAfterSeconds"]!.GetValue<int>());

        using var someoneElse = await PostAsync(request, "en", other);
        Assert.Equal(HttpStatusCode.OK, someoneElse.StatusCode);
    }

    private static object Check(string[] kinds, string region, string settlement, string? start = null) => new
    {
        category = "rural-quota", level = "bachelor", specialtyGroup = "pedagogical", organisationKinds = kinds,
        ownership = "state", region, settlementType = settlement, startDate = start,
    };

    private async Task<JsonNode> CheckAsync(object body, string language)
    {
        using var response = await PostAsync(body, language);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!;
    }

    private async Task<HttpResponseMessage> PostAsync(object body, string language, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/check") { Content = JsonContent.Create(body) };
        request.Headers.AcceptLanguage.ParseAdd(language);
        request.Headers.Add("X-Forwarded-For", forwardedFor ?? $"192.0.2.{Random.Shared.Next(1, 250)}");
        return await host.Client.SendAsync(request);
    }

    private static string[] Codes(JsonNode list) => list.AsArray().Select(r => r!["code"]!.GetValue<string>()).ToArray();

    private static string[] ConnectSources(string csp) =>
        csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("connect-src ", StringComparison.Ordinal)).Split(' ')[1..];

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
