using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Otrabotka.Functions.Configuration;
using Otrabotka.Functions.Http;

namespace Otrabotka.Functions.Tests;

/// <summary>
/// The authorization matrix, generated from functions.metadata: every HTTP route × (no token, garbage,
/// expired, wrong role, another graduate's subject), checked against <see cref="RouteTable"/>. A route
/// without an entry there fails the suite.
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed class AuthorizationMatrixTests(LocalHostFixture host) : IAsyncLifetime
{
    private static (string GraduateId, string Iin, string Token, string DocumentId)? alice;
    private static readonly SemaphoreSlim Setup = new(1, 1);
    private readonly Api api = new(host);

    public static TheoryData<string> Functions()
    {
        var data = new TheoryData<string>();
        foreach (var (name, _, _) in RouteTable.Routes())
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void Every_HTTP_function_has_an_entry_in_the_expectation_table_and_every_entry_a_function()
    {
        var declared = RouteTable.Routes().Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var missing = declared.Where(n => !RouteTable.Expected.ContainsKey(n)).ToList();
        var stale = RouteTable.Expected.Keys.Where(n => !declared.Contains(n)).ToList();
        Assert.True(missing.Count == 0, "HTTP functions without an entry in RouteTable.Expected: " + string.Join(", ", missing));
        Assert.True(stale.Count == 0, "RouteTable.Expected names functions that no longer exist: " + string.Join(", ", stale));
        Assert.True(declared.Count >= 30, $"only {declared.Count} HTTP functions read from functions.metadata");
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public async Task Every_route_refuses_missing_garbage_expired_and_wrong_role_tokens_and_hides_another_graduates_data(string name)
    {
        var (_, route, method) = RouteTable.Routes().Single(r => r.Name == name);
        var expected = RouteTable.Of(name);
        var owner = alice!.Value;
        var path = RouteTable.Concrete(route, owner.GraduateId, owner.DocumentId);
        var settings = host.Service<IOptions<AuthSettings>>().Value;
        var past = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-2));
        var cases = new Dictionary<string, string?>
        {
            ["no token"] = null,
            ["garbage"] = "eyJhbGciOiJub25lIn0.e30.garbage",
            ["expired"] = Authenticator.MintDevelopmentToken(settings, past, RoleOf(expected.Access), expected.Access == Access.Graduate ? owner.Iin : "staff-1", TimeSpan.FromHours(1)),
            ["wrong role"] = expected.Access == Access.Graduate ? api.OperatorToken : host.Token(Roles.Graduate, owner.Iin),
        };
        foreach (var (what, token) in cases)
        {
            using var response = await SendAsync(method, path, token, expected.Body);
            var status = (int)response.StatusCode;
            Assert.True(status < 500, $"{name}, {what}: {status}");
            var want = expected.Access switch
            {
                Access.Anonymous => status is not (401 or 403),
                _ when what == "wrong role" => status == 403,
                _ => status == 401,
            };
            Assert.True(want, $"{name} ({expected.Access}), {what}: {status} {await response.Content.ReadAsStringAsync()}");
        }

        // Another graduate's subject: never the owner's data.
        var (_, _, otherToken) = await api.RegisterAsync();
        using var other = await SendAsync(method, path, otherToken, expected.Body);
        var body = await other.Content.ReadAsStringAsync();
        Assert.True((int)other.StatusCode < 500, $"{name}, another graduate: {(int)other.StatusCode}");
        if (expected.Access is Access.Operator or Access.Supervisor)
        {
            Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        }

        if (expected.Access == Access.Supervisor)
        {
            // An operator is not a supervisor.
            using var byOperator = await SendAsync(method, path, api.OperatorToken, expected.Body);
            Assert.Equal(HttpStatusCode.Forbidden, byOperator.StatusCode);
        }
        else if (expected.Access == Access.Graduate && route.Contains("{id}", StringComparison.Ordinal))
        {
            Assert.True(other.StatusCode == HttpStatusCode.NotFound, $"{name}, another graduate: {(int)other.StatusCode} {body}");
        }

        foreach (var secret in new[] { owner.GraduateId, owner.Iin, owner.DocumentId })
        {
            Assert.True(expected.Access == Access.Anonymous || !body.Contains(secret, StringComparison.Ordinal), $"{name}: another graduate saw {secret}");
        }

        LogScanTests.AssertClean(host);
    }

    private static string RoleOf(Access access) => access switch
    {
        Access.Operator => Roles.Operator,
        Access.Supervisor => Roles.Supervisor,
        _ => Roles.Graduate,
    };

    private async Task<HttpResponseMessage> SendAsync(string method, string path, string? token, Body body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        if (method != "GET")
        {
            request.Content = body == Body.Csv ? new StringContent("iin\n", System.Text.Encoding.UTF8, "text/csv") : new StringContent("{\"note\":\"matrix check\"}", System.Text.Encoding.UTF8, "application/json");
        }

        return await host.Client.SendAsync(request);
    }

    public async Task InitializeAsync()
    {
        await Setup.WaitAsync();
        try
        {
            if (alice is null)
            {
                var (graduateId, iin, token) = await api.RegisterAsync();
                var documentId = await api.SubmitAsync(token, "employment-confirmation", Api.Employment(), Api.Pdf());
                alice = (graduateId, iin, token, documentId);
            }
        }
        finally
        {
            Setup.Release();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
