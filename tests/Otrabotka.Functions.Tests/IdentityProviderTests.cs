using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Otrabotka.Functions.Configuration;
using Otrabotka.Functions.Http;
using Otrabotka.LocalHost;

namespace Otrabotka.Functions.Tests;

/// <summary>
/// The Azure path of the bearer check, for real: the app reads each role's provider from OpenID Connect
/// metadata (the local host's stand-in), with the issuer left empty so it comes from the metadata.
/// </summary>
[Collection(MetadataAuthHostCollection.Name)]
public sealed partial class IdentityProviderTests(MetadataAuthHostFixture host)
{
    private const string Client = OidcStandIn.DefaultClientId;
    private readonly Api api = new(host);

    private string RedirectUri => host.BaseUrl + "/graduate";

    [Fact]
    public async Task A_person_signs_in_with_code_and_PKCE_and_the_API_accepts_the_token()
    {
        var (graduateId, iin, _) = await api.RegisterAsync();
        var (verifier, challenge) = Pkce();
        using var browser = Browser();
        var page = await browser.GetStringAsync(AuthorizeUrl(challenge, state: "s-1", nonce: "n-1"));
        // The page offers some registered graduates to pick (the first 50 it finds, so not necessarily this one)
        // and always a field to type any IIN.
        Assert.Contains("name=\"iin\"", page, StringComparison.Ordinal);

        var code = await SignInAsync(browser, page, Roles.Graduate, iin, expectedState: "s-1");
        using var tokenResponse = await RedeemAsync(browser, code, verifier, origin: host.BaseUrl);
        var body = await tokenResponse.Content.ReadAsStringAsync();
        Assert.True(tokenResponse.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal(host.BaseUrl, tokenResponse.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("no-store", tokenResponse.Headers.CacheControl?.ToString());
        var tokens = JsonNode.Parse(body)!;
        Assert.Equal("Bearer", tokens["token_type"]!.GetValue<string>());

        var idToken = new JsonWebToken(tokens["id_token"]!.GetValue<string>());
        Assert.Equal("n-1", idToken.GetClaim("nonce").Value);
        Assert.Equal(Client, idToken.Audiences.Single());
        Assert.Equal(host.Idp.Issuer, idToken.Issuer);
        Assert.Equal("RS256", idToken.Alg);

        var me = await api.JsonAsync(HttpMethod.Get, "/api/me", tokens["access_token"]!.GetValue<string>());
        Assert.Equal(graduateId, me["graduateId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_supervisor_signs_in_at_the_stand_in_and_reads_the_audit_trail_which_an_operator_may_not()
    {
        var tokens = new Dictionary<string, string>();
        foreach (var (role, subject) in new[] { (Roles.Supervisor, "supervisor-3"), (Roles.Operator, "operator-3") })
        {
            var (verifier, challenge) = Pkce();
            using var browser = Browser();
            var page = await browser.GetStringAsync(AuthorizeUrl(challenge));
            Assert.Contains("value=\"supervisor\"", page, StringComparison.Ordinal);
            var code = await SignInAsync(browser, page, role, subject, expectedState: "st");
            using var redeemed = await RedeemAsync(browser, code, verifier);
            tokens[role] = JsonNode.Parse(await redeemed.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
        }

        await api.JsonAsync(HttpMethod.Get, "/api/operator/audit", tokens[Roles.Supervisor]);
        using var byOperator = await api.SendAsync(HttpMethod.Get, "/api/operator/audit", tokens[Roles.Operator]);
        Assert.Equal(HttpStatusCode.Forbidden, byOperator.StatusCode);
        using var dashboard = await api.SendAsync(HttpMethod.Get, "/api/operator/dashboard", tokens[Roles.Supervisor]);
        Assert.Equal(HttpStatusCode.Forbidden, dashboard.StatusCode);
    }

    [Fact]
    public async Task The_discovery_document_and_keys_are_what_a_client_library_reads()
    {
        var discovery = await api.JsonAsync(HttpMethod.Get, "/dev/oidc/.well-known/openid-configuration", null);
        Assert.Equal(host.BaseUrl + "/dev/oidc", discovery["issuer"]!.GetValue<string>());
        Assert.Equal(["S256"], discovery["code_challenge_methods_supported"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal(["RS256"], discovery["id_token_signing_alg_values_supported"]!.AsArray().Select(m => m!.GetValue<string>()));
        var jwks = new JsonWebKeySet(await host.Client.GetStringAsync(discovery["jwks_uri"]!.GetValue<string>()));
        var key = Assert.Single(jwks.Keys);
        Assert.Equal("RSA", key.Kty);
        Assert.Null(key.D);
    }

    [Fact]
    public async Task The_stand_in_refuses_unregistered_redirects_wrong_verifiers_reused_codes_and_plain_PKCE()
    {
        var (verifier, challenge) = Pkce();
        using var browser = Browser();

        using var unregistered = await browser.GetAsync(AuthorizeUrl(challenge, redirectUri: "https://evil.example/cb"));
        Assert.Equal(HttpStatusCode.BadRequest, unregistered.StatusCode);
        Assert.Null(unregistered.Headers.Location);

        using var plain = await browser.GetAsync(AuthorizeUrl(challenge, method: "plain", state: "p"));
        Assert.Equal(HttpStatusCode.Redirect, plain.StatusCode);
        Assert.Contains("error=invalid_request", plain.Headers.Location!.Query, StringComparison.Ordinal);
        Assert.Contains("state=p", plain.Headers.Location!.Query, StringComparison.Ordinal);

        var code = await SignInAsync(browser, await browser.GetStringAsync(AuthorizeUrl(challenge)), Roles.Operator, "operator-7", expectedState: "st");
        using (var wrong = await RedeemAsync(browser, code, Pkce().Verifier))
        {
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            Assert.Equal("invalid_grant", JsonNode.Parse(await wrong.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
        }

        // A code is single-use, even after a failed redemption.
        using var reused = await RedeemAsync(browser, code, verifier);
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);

        var second = await SignInAsync(browser, await browser.GetStringAsync(AuthorizeUrl(challenge)), Roles.Operator, "operator-7", expectedState: "st");
        using var ok = await RedeemAsync(browser, second, verifier, origin: "https://evil.example");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.False(ok.Headers.Contains("Access-Control-Allow-Origin"));
        using var again = await RedeemAsync(browser, second, verifier);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact]
    public async Task A_right_token_passes_and_a_wrong_issuer_audience_key_or_expiry_each_fail()
    {
        var (_, iin, _) = await api.RegisterAsync();
        var idp = host.Idp;
        Dictionary<string, object> Claims() => new() { ["sub"] = iin, [OidcStandIn.IinClaim] = iin, ["roles"] = new[] { Roles.Graduate } };
        var otherKey = new RsaSecurityKey(RSA.Create(2048)) { KeyId = idp.Key.KeyId };

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(idp.Sign(Claims(), MetadataAuthHostFixture.ApiAudience, TimeSpan.FromMinutes(5))));
        var refused = new Dictionary<string, string>
        {
            ["issuer"] = idp.Sign(Claims(), MetadataAuthHostFixture.ApiAudience, TimeSpan.FromMinutes(5), issuer: "https://login.example/other/v2.0"),
            ["audience"] = idp.Sign(Claims(), "api://someone-else", TimeSpan.FromMinutes(5)),
            ["key (same kid)"] = idp.Sign(Claims(), MetadataAuthHostFixture.ApiAudience, TimeSpan.FromMinutes(5), key: otherKey),
            ["key (unknown kid)"] = idp.Sign(Claims(), MetadataAuthHostFixture.ApiAudience, TimeSpan.FromMinutes(5), key: new RsaSecurityKey(RSA.Create(2048)) { KeyId = "other" }),
            ["expiry"] = idp.Sign(Claims(), MetadataAuthHostFixture.ApiAudience, TimeSpan.FromMinutes(30), issuedAt: DateTimeOffset.UtcNow.AddHours(-1)),
            ["HS256 with a guessable key"] = HmacToken(Claims(), idp.Issuer),
            ["alg none"] = Unsigned(Claims(), idp.Issuer),
            ["no iin claim"] = idp.Sign(new Dictionary<string, object> { ["sub"] = iin, ["roles"] = new[] { Roles.Graduate } }, MetadataAuthHostFixture.ApiAudience, TimeSpan.FromMinutes(5)),
        };
        foreach (var (what, token) in refused)
        {
            Assert.True(await StatusAsync(token) == HttpStatusCode.Unauthorized, $"a wrong {what} was accepted");
        }
    }

    [Fact]
    public async Task The_IIN_comes_only_from_the_configured_claim()
    {
        var (graduateId, iin, _) = await api.RegisterAsync();
        var (_, otherIin, _) = await api.RegisterAsync();
        // "sub" names another graduate; the configured claim ("iin") decides.
        var token = host.Idp.Sign(new Dictionary<string, object> { ["sub"] = otherIin, [OidcStandIn.IinClaim] = iin, ["roles"] = new[] { Roles.Graduate } }, MetadataAuthHostFixture.ApiAudience, TimeSpan.FromMinutes(5));
        var me = await api.JsonAsync(HttpMethod.Get, "/api/me", token);
        Assert.Equal(graduateId, me["graduateId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Each_role_trusts_only_its_own_provider()
    {
        var settings = new AuthSettings
        {
            SigningKey = "per-role-test-signing-key-0123456789abcdef",
            Graduate = new IdentityProviderSettings { MetadataAddress = host.Idp.MetadataAddress, Issuer = "", Audience = MetadataAuthHostFixture.ApiAudience, SubjectClaim = OidcStandIn.IinClaim },
        };
        var auth = new Authenticator(Options.Create(settings), TimeProvider.System, NullLogger<Authenticator>.Instance, []);
        var iin = Api.NewIin();
        var egov = host.Idp.AccessToken(Roles.Graduate, iin);
        var egovOperator = host.Idp.AccessToken(Roles.Operator, "op-9");
        var entraOperator = Authenticator.MintDevelopmentToken(settings, TimeProvider.System, Roles.Operator, "op-1");
        var devGraduate = Authenticator.MintDevelopmentToken(settings, TimeProvider.System, Roles.Graduate, iin);

        Assert.Equal(iin, (await RequireAsync(auth, egov, Roles.Graduate)).Caller?.Subject);
        Assert.Equal("op-1", (await RequireAsync(auth, entraOperator, Roles.Operator)).Caller?.Subject);
        Assert.Equal(403, Status(await RequireAsync(auth, egov, Roles.Operator)));
        Assert.Equal(401, Status(await RequireAsync(auth, devGraduate, Roles.Graduate)));
        // With no role claim configured the graduate provider's every verified token is a graduate's: the
        // operator's token from it still names no IIN, so it is refused.
        Assert.Equal(401, Status(await RequireAsync(auth, egovOperator, Roles.Operator)));
        Assert.Equal(401, Status(await RequireAsync(auth, egovOperator, Roles.Graduate)));
    }

    [Theory]
    [InlineData("https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration", false)]
    [InlineData("https://login.microsoftonline.com/organizations/v2.0/.well-known/openid-configuration", false)]
    [InlineData("http://idp.example.kz/.well-known/openid-configuration", false)]
    [InlineData("https://login.microsoftonline.com/4f1a2b3c-0000-4000-8000-123456789abc/v2.0/.well-known/openid-configuration", true)]
    [InlineData("http://127.0.0.1:7071/dev/oidc/.well-known/openid-configuration", true)]
    public void Only_a_tenant_specific_https_authority_is_accepted(string address, bool accepted)
    {
        var settings = new AuthSettings { Operator = new() { MetadataAddress = address, Audience = "api://x", SubjectClaim = "oid" }, Graduate = new() { MetadataAddress = address, Audience = "api://x", SubjectClaim = "iin" } };
        var errors = settings.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(settings)).ToList();
        Assert.True(accepted == (errors.Count == 0), string.Join("; ", errors.Select(e => e.ErrorMessage)));
    }

    [Fact]
    public void A_role_provider_needs_its_audience_and_subject_claim()
    {
        var settings = new AuthSettings { Graduate = new() { MetadataAddress = "https://idp.egov.kz/.well-known/openid-configuration" }, Operator = new() { MetadataAddress = "https://idp.egov.kz/.well-known/openid-configuration", Audience = "a", SubjectClaim = "sub" } };
        var errors = settings.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(settings)).Select(e => e.ErrorMessage!).ToList();
        Assert.Contains(errors, e => e.Contains("Auth__Graduate__Audience", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Auth__Graduate__SubjectClaim", StringComparison.Ordinal));
    }

    private static int Status(Authentication authentication) =>
        (authentication.Failure as Microsoft.AspNetCore.Mvc.ContentResult)?.StatusCode ?? 200;

    private static Task<Authentication> RequireAsync(Authenticator auth, string token, string role)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = "Bearer " + token;
        return auth.RequireAsync(context.Request, role, CancellationToken.None);
    }

    private async Task<HttpStatusCode> StatusAsync(string token)
    {
        using var response = await api.SendAsync(HttpMethod.Get, "/api/me", token);
        return response.StatusCode;
    }

    private static string HmacToken(Dictionary<string, object> claims, string issuer) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            Issuer = issuer,
            Audience = MetadataAuthHostFixture.ApiAudience,
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(new string('k', 40))), SecurityAlgorithms.HmacSha256),
        });

    private static string Unsigned(Dictionary<string, object> claims, string issuer) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor { Claims = claims, Issuer = issuer, Audience = MetadataAuthHostFixture.ApiAudience, Expires = DateTime.UtcNow.AddMinutes(5) });

    private static (string Verifier, string Challenge) Pkce()
    {
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        return (verifier, Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    private HttpClient Browser() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(host.BaseUrl) };

    private string AuthorizeUrl(string challenge, string? redirectUri = null, string method = "S256", string state = "st", string nonce = "nn") =>
        $"/dev/oidc/authorize?response_type=code&client_id={Client}&scope=openid%20profile&redirect_uri={Uri.EscapeDataString(redirectUri ?? RedirectUri)}"
        + $"&state={state}&nonce={nonce}&code_challenge={challenge}&code_challenge_method={method}";

    private async Task<string> SignInAsync(HttpClient browser, string page, string role, string subject, string expectedState)
    {
        var request = RequestField().Match(page).Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["request"] = request,
            ["role"] = role,
            [role == Roles.Graduate ? "iin" : role] = subject,
            ["action"] = "sign-in",
        });
        using var response = await browser.PostAsync("/dev/oidc/authorize", form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(RedirectUri + "?", location.ToString(), StringComparison.Ordinal);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(location.Query);
        Assert.Equal(expectedState, query["state"].ToString());
        Assert.Equal(host.Idp.Issuer, query["iss"].ToString());
        return query["code"].ToString();
    }

    private async Task<HttpResponseMessage> RedeemAsync(HttpClient browser, string code, string verifier, string? origin = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/dev/oidc/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["redirect_uri"] = RedirectUri,
                ["client_id"] = Client,
                ["code_verifier"] = verifier,
            }),
        };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return await browser.SendAsync(request);
    }

    [GeneratedRegex("name=\"request\" value=\"([^\"]+)\"")]
    private static partial Regex RequestField();
}
