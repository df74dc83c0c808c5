using System.Net;
using System.Text.Json.Nodes;
using Otrabotka.Functions.Http;

namespace Otrabotka.Functions.Tests;

[Collection(LocalHostCollection.Name)]
public sealed class AccessTests(LocalHostFixture host)
{
    private static readonly HashSet<string> Anonymous = ["Health", "OpenApi", "ApiDocs", "ApiDocsAsset", "ConfirmPage", "ViewConfirmation", "DecideConfirmation", "GetEnumerations", "CheckWorkplace"];
    private readonly Api api = new(host);

    public static TheoryData<string, string, string> ProtectedRoutes()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (name, route, methods) in OpenApiFunction.Routes().Where(r => !Anonymous.Contains(r.Name)))
        {
            data.Add(name, route, methods[0]);
        }

        return data;
    }

    private static string Concrete(string route, string graduateId, string documentId) =>
        "/" + route.Replace("{graduateId}", graduateId, StringComparison.Ordinal).Replace("{id}", documentId, StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task Every_protected_route_answers_401_without_a_token_and_403_for_the_wrong_role(string name, string route, string method)
    {
        var path = Concrete(route, "g0", "d0");
        using var anonymous = await api.SendAsync(new HttpMethod(method.ToUpperInvariant()), path, null, new { });
        Assert.True(anonymous.StatusCode == HttpStatusCode.Unauthorized, $"{name}: {anonymous.StatusCode}");
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);

        var wrongRole = route.StartsWith("api/me", StringComparison.Ordinal) ? api.OperatorToken : host.Token("graduate", Api.NewIin());
        using var forbidden = await api.SendAsync(new HttpMethod(method.ToUpperInvariant()), path, wrongRole, new { });
        Assert.True(forbidden.StatusCode == HttpStatusCode.Forbidden, $"{name}: {forbidden.StatusCode}");

        using var garbage = await api.SendAsync(new HttpMethod(method.ToUpperInvariant()), path, "not.a.jwt", new { });
        Assert.Equal(HttpStatusCode.Unauthorized, garbage.StatusCode);
    }

    [Fact]
    public async Task A_graduate_reaches_only_their_own_documents()
    {
        var (_, _, aliceToken) = await api.RegisterAsync();
        var (_, _, bobToken) = await api.RegisterAsync();
        var aliceDoc = await api.SubmitAsync(aliceToken, "employment-confirmation", Api.Employment(), Api.Pdf());
        foreach (var (method, suffix) in new[] { ("GET", ""), ("POST", "/withdraw"), ("POST", "/contest"), ("POST", "/complete"), ("POST", "/employer-link") })
        {
            using var response = await api.SendAsync(new HttpMethod(method), $"/api/me/documents/{aliceDoc}{suffix}", bobToken, new { note = "mine" });
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {suffix}: {response.StatusCode}");
        }

        using var own = await api.SendAsync(HttpMethod.Get, $"/api/me/documents/{aliceDoc}", aliceToken);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task Problems_speak_the_callers_language_with_Kazakh_by_default()
    {
        var (_, _, token) = await api.RegisterAsync();
        async Task<string> Detail(string? language)
        {
            using var response = await api.SendAsync(HttpMethod.Get, "/api/me/documents/d0", token, language: language);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>();
        }

        Assert.Equal("Сұралған жазба табылмады.", await Detail(null));
        Assert.Equal("Запрошенная запись не найдена.", await Detail("ru-RU,ru;q=0.9"));
        Assert.Equal("The requested record was not found.", await Detail("en"));
    }

    [Fact]
    public async Task Invalid_input_gets_400_with_every_field_named_never_a_5xx()
    {
        using var response = await api.SendAsync(HttpMethod.Post, "/api/graduates", api.OperatorToken, new { iin = "123", email = "nope", category = "village-quota", graduationDate = "20.06.2025" }, "en");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var fields = body["errors"]!.AsArray().Select(e => e!["field"]!.GetValue<string>()).ToHashSet();
        Assert.Superset(new HashSet<string> { "iin", "email", "category", "graduationDate", "fullName", "level" }, fields);

        using var notJson = new HttpRequestMessage(HttpMethod.Post, "/api/graduates") { Content = new StringContent("{oops", System.Text.Encoding.UTF8, "application/json") };
        notJson.Headers.Authorization = new("Bearer", api.OperatorToken);
        using var bad = await host.Client.SendAsync(notJson);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        var (_, _, token) = await api.RegisterAsync();
        using var badMeta = await api.UploadAsync(token, "employment-confirmation", new { employerBin = "x" }, Api.Pdf());
        Assert.Equal(HttpStatusCode.BadRequest, badMeta.StatusCode);
        using var badKind = await api.UploadAsync(token, "diploma", new { }, Api.Pdf());
        Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);
    }

    [Fact]
    public async Task Odd_ids_and_forged_continuation_tokens_never_get_a_5xx()
    {
        var op = api.OperatorToken;
        var (_, _, token) = await api.RegisterAsync();
        foreach (var (method, path, body) in new (string, string, object?)[]
        {
            ("GET", "/api/graduates/g%23x", null),
            ("GET", "/api/graduates/'%20or%20''='/obligation", null),
            ("GET", "/api/review/documents/d%3Fx", null),
            ("GET", "/api/me/documents/%E2%82%B8", null),
            ("GET", "/api/review/documents?continuationToken=garbage%20token%20here", null),
            ("GET", "/api/review/documents?waitingDays=-1", null),
            ("GET", "/api/notifications/failed?continuationToken=%00%01", null),
            ("POST", "/api/graduates/search", new { continuationToken = "not a token", name = "x" }),
            ("POST", "/api/graduates/search", new { status = "lost" }),
            ("POST", "/api/confirmations/view", new { token = new string('A', 5000) }),
            ("POST", "/api/confirmations/decision", new { token = "a.b", decision = "maybe" }),
        })
        {
            using var response = await api.SendAsync(new HttpMethod(method), path, path.StartsWith("/api/me", StringComparison.Ordinal) ? token : op, body);
            Assert.True((int)response.StatusCode < 500, $"{method} {path}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_every_HTTP_function()
    {
        var doc = await api.JsonAsync(HttpMethod.Get, "/api/openapi.json", null);
        Assert.StartsWith("3.", doc["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        var paths = doc["paths"]!.AsObject();
        foreach (var (name, route, methods) in OpenApiFunction.Routes())
        {
            Assert.True(paths["/" + route]?[methods[0]] is not null, name);
        }

        Assert.Equal(OpenApiFunction.Routes().Count(), paths.Sum(p => p.Value!.AsObject().Count));
        Assert.Contains("/api/me/documents/{id}", paths.Select(p => p.Key));
    }
}
