using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Otrabotka.Functions.Configuration;
using Otrabotka.Functions.Http;

namespace Otrabotka.LocalHost;

/// <summary>An authorization request the sign-in page is answering (kept on the server, so the form cannot alter it).</summary>
internal sealed record AuthorizationRequest(string ClientId, string RedirectUri, string? State, string? Nonce, string CodeChallenge, string Scope, DateTimeOffset Expires);

/// <summary>An issued authorization code: who signed in, for which request.</summary>
internal sealed record IssuedCode(AuthorizationRequest Request, string Role, string Subject, DateTimeOffset Expires);

/// <summary>
/// An OpenID Connect provider for development only, inside the local host (never in the Functions app):
/// discovery, JWKS with an RS256 key made at start, authorization code + PKCE (S256) with a sign-in page
/// where a person picks a registered graduate's IIN or an operator, and a token endpoint. It stands in for
/// eGov IdP / Entra so the Azure path (metadata → keys → issuer) runs for real here.
/// </summary>
public sealed class OidcStandIn
{
    public const string PathBase = "/dev/oidc";
    public const string DefaultClientId = "otrabotka-pages";
    public const string IinClaim = "iin";

    private static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(2);
    private readonly ConcurrentDictionary<string, AuthorizationRequest> requests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IssuedCode> codes = new(StringComparer.Ordinal);
    private readonly TimeProvider time;

    public OidcStandIn(IConfiguration configuration, TimeProvider time)
    {
        this.time = time;
        var baseUrl = BaseUrlOf(configuration);
        Origin = new Uri(baseUrl).GetLeftPart(UriPartial.Authority);
        Issuer = configuration["LocalHost:Oidc:Issuer"] is { Length: > 0 } issuer ? issuer.TrimEnd('/') : Origin + PathBase;
        ApiAudience = configuration["LocalHost:Oidc:ApiAudience"] is { Length: > 0 } audience ? audience : AuthSettings.NonEmpty(configuration["Auth:Audience"]) ?? AuthSettings.DevelopmentAudience;
        ClientIds = List(configuration["LocalHost:Oidc:ClientIds"] ?? DefaultClientId);
        RedirectUris = List(configuration["LocalHost:Oidc:RedirectUris"] ?? "/,/graduate,/operator,/check,/signin-callback,/signin-callback.html")
            .Select(u => u.StartsWith('/') ? Origin + u : u).ToHashSet(StringComparer.Ordinal);
        AllowedOrigins = RedirectUris.Select(u => new Uri(u).GetLeftPart(UriPartial.Authority)).Append(Origin).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "standin-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant() };
        TokenLifetime = configuration.GetValue("LocalHost:Oidc:TokenLifetime", TimeSpan.FromHours(1));
    }

    public string Origin { get; }
    public string Issuer { get; }
    public string MetadataAddress => Issuer + "/.well-known/openid-configuration";
    public string ApiAudience { get; }
    public IReadOnlySet<string> ClientIds { get; }
    public IReadOnlySet<string> RedirectUris { get; }
    public IReadOnlySet<string> AllowedOrigins { get; }
    public TimeSpan TokenLifetime { get; }
    internal RsaSecurityKey Key { get; }

    /// <summary>The provider the local API trusts alongside the development key (graduates: subject = IIN).</summary>
    public TrustedIdentityProvider Trusted => new(
        new HashSet<string> { Roles.Graduate, Roles.Operator, Roles.Supervisor },
        new IdentityProviderSettings { MetadataAddress = MetadataAddress, Audience = ApiAudience, SubjectClaim = "sub", RoleClaim = "roles" });

    public static string BaseUrlOf(IConfiguration configuration) =>
        (configuration["LocalHost:Urls"] ?? configuration["urls"] ?? LocalHostApp.DefaultUrls).Split(';', StringSplitOptions.RemoveEmptyEntries)[0].TrimEnd('/');

    internal DateTimeOffset Now => time.GetUtcNow();

    internal AuthorizationRequest? PendingRequest(string id) =>
        requests.TryGetValue(id, out var request) && request.Expires > time.GetUtcNow() ? request : null;

    internal string Remember(AuthorizationRequest request)
    {
        Prune();
        var id = RandomId();
        requests[id] = request;
        return id;
    }

    internal string IssueCode(string requestId, AuthorizationRequest request, string role, string subject)
    {
        requests.TryRemove(requestId, out _);
        var code = RandomId();
        codes[code] = new IssuedCode(request, role, subject, time.GetUtcNow() + CodeLifetime);
        return code;
    }

    /// <summary>Takes a code once: a second use, or one past its lifetime, finds nothing.</summary>
    internal IssuedCode? Redeem(string code) =>
        codes.TryRemove(code, out var issued) && issued.Expires > time.GetUtcNow() ? issued : null;

    /// <summary>An access token for the API, as the provider issues it after a sign-in.</summary>
    public string AccessToken(string role, string subject, string? clientId = null, TimeSpan? lifetime = null) =>
        Sign(AccessClaims(role, subject, clientId ?? DefaultClientId), ApiAudience, lifetime ?? TokenLifetime);

    internal string IdToken(IssuedCode issued)
    {
        var claims = AccessClaims(issued.Role, issued.Subject, issued.Request.ClientId);
        claims["auth_time"] = time.GetUtcNow().ToUnixTimeSeconds();
        if (issued.Request.Nonce is { } nonce)
        {
            claims["nonce"] = nonce;
        }

        return Sign(claims, issued.Request.ClientId, TokenLifetime);
    }

    /// <summary>Signs any claims with the stand-in's key (tests forge tokens with wrong issuers or audiences this way).</summary>
    public string Sign(IDictionary<string, object> claims, string audience, TimeSpan lifetime, string? issuer = null, SecurityKey? key = null, DateTimeOffset? issuedAt = null)
    {
        var now = (issuedAt ?? time.GetUtcNow()).UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            Issuer = issuer ?? Issuer,
            Audience = audience,
            IssuedAt = now - TimeSpan.FromSeconds(1),
            NotBefore = now - TimeSpan.FromSeconds(1),
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(key ?? Key, SecurityAlgorithms.RsaSha256),
        });
    }

    public static bool ChallengeMatches(string verifier, string challenge)
    {
        var hash = SHA256.HashData(Encoding.ASCII.GetBytes(verifier));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Base64UrlEncoder.Encode(hash)), Encoding.ASCII.GetBytes(challenge));
    }

    private static Dictionary<string, object> AccessClaims(string role, string subject, string clientId)
    {
        var claims = new Dictionary<string, object> { ["sub"] = subject, ["roles"] = new[] { role }, ["client_id"] = clientId, ["scope"] = "openid profile" };
        if (role == Roles.Graduate)
        {
            claims[IinClaim] = subject;
        }

        return claims;
    }

    private void Prune()
    {
        var now = time.GetUtcNow();
        foreach (var (id, request) in requests)
        {
            if (request.Expires <= now)
            {
                requests.TryRemove(id, out _);
            }
        }

        foreach (var (code, issued) in codes)
        {
            if (issued.Expires <= now)
            {
                codes.TryRemove(code, out _);
            }
        }
    }

    private static string RandomId() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(24));

    private static HashSet<string> List(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
}
