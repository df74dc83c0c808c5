using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Otrabotka.Functions.Configuration;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.Http;

public static class Roles
{
    public const string Graduate = "graduate";
    public const string Operator = "operator";
}

/// <summary>Who is calling: the subject (a graduate's IIN) and the role.</summary>
public sealed record Caller(string Subject, IReadOnlySet<string> Roles);

/// <summary>The outcome of the app's own bearer check: a caller, or the 401/403 to answer with.</summary>
public sealed record Authentication(Caller? Caller, IActionResult? Failure);

/// <summary>
/// The bearer-token check every protected function calls. ASP.NET Core authentication middleware does
/// not run for isolated functions in Azure, so the check is the app's own. In Azure the keys come from
/// OpenID Connect metadata; locally a development signing key from settings.
/// </summary>
public sealed class Authenticator
{
    private readonly AuthSettings settings;
    private readonly TimeProvider time;
    private readonly JsonWebTokenHandler handler = new() { MapInboundClaims = false };
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? metadata;

    public Authenticator(IOptions<AuthSettings> options, TimeProvider time)
    {
        settings = options.Value;
        this.time = time;
        if (!string.IsNullOrEmpty(settings.MetadataAddress))
        {
            metadata = new ConfigurationManager<OpenIdConnectConfiguration>(settings.MetadataAddress, new OpenIdConnectConfigurationRetriever(), new HttpDocumentRetriever { RequireHttps = true });
        }
    }

    public async Task<Authentication> RequireAsync(HttpRequest request, string role, CancellationToken cancellationToken)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Fail(request, 401, "unauthorized", TextCatalog.Default.Text("problems.unauthorized"));
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuer = settings.Issuer,
            ValidAudience = settings.Audience,
            ValidateIssuer = !string.IsNullOrEmpty(settings.Issuer),
            ValidateAudience = !string.IsNullOrEmpty(settings.Audience),
            ValidateLifetime = true,
            LifetimeValidator = (notBefore, expires, _, _) =>
            {
                var now = time.GetUtcNow().UtcDateTime;
                return (notBefore is null || notBefore <= now.AddMinutes(2)) && expires is not null && expires > now.AddMinutes(-2);
            },
            NameClaimType = settings.SubjectClaim,
            RoleClaimType = settings.RoleClaim,
        };
        if (metadata is not null)
        {
            var configuration = await metadata.GetConfigurationAsync(cancellationToken);
            parameters.IssuerSigningKeys = configuration.SigningKeys;
            parameters.ValidIssuer ??= configuration.Issuer;
            parameters.ValidateIssuer = true;
        }
        else
        {
            parameters.IssuerSigningKey = DevelopmentKey(settings);
        }

        var result = await handler.ValidateTokenAsync(header["Bearer ".Length..].Trim(), parameters);
        if (!result.IsValid)
        {
            return Fail(request, 401, "invalid-token", TextCatalog.Default.Text("problems.invalid-token"));
        }

        var identity = result.ClaimsIdentity;
        var subject = identity.FindFirst(settings.SubjectClaim)?.Value;
        var roles = identity.FindAll(settings.RoleClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(subject))
        {
            return Fail(request, 401, "invalid-token", TextCatalog.Default.Text("problems.token-without-subject"));
        }

        if (!roles.Contains(role))
        {
            return Fail(request, 403, "forbidden", TextCatalog.Default.Text("problems.forbidden"));
        }

        return new Authentication(new Caller(subject, roles), null);
    }

    public static SymmetricSecurityKey DevelopmentKey(AuthSettings settings) =>
        new(Encoding.UTF8.GetBytes(settings.SigningKey ?? throw new InvalidOperationException("Setting 'Auth__SigningKey' is missing.")));

    /// <summary>Mints a development token (local host's token command and tests only).</summary>
    public static string MintDevelopmentToken(AuthSettings settings, TimeProvider time, string role, string subject, TimeSpan? lifetime = null)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object> { [settings.SubjectClaim] = subject, [settings.RoleClaim] = new[] { role } };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromHours(12)),
            SigningCredentials = new SigningCredentials(DevelopmentKey(settings), SecurityAlgorithms.HmacSha256),
        });
    }

    private static Authentication Fail(HttpRequest request, int status, string code, Domain.Text detail)
    {
        if (status == 401)
        {
            request.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
        }

        return new Authentication(null, Problems.Create(request, new Problem(status, code, detail)));
    }
}
