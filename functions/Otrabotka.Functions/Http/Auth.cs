using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Otrabotka.Functions.Configuration;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.Http;

public static class Roles
{
    public const string Graduate = "graduate";
    public const string Operator = "operator";

    /// <summary>Reads the operators' audit trail and starts the re-sync of the operators' index (ADR 0019); nothing else.</summary>
    public const string Supervisor = "supervisor";
}

/// <summary>Who is calling: the subject (a graduate's IIN) and the role.</summary>
public sealed record Caller(string Subject, IReadOnlySet<string> Roles);

/// <summary>The outcome of the app's own bearer check: a caller, or the 401/403 to answer with.</summary>
public sealed record Authentication(Caller? Caller, IActionResult? Failure);

/// <summary>
/// The bearer-token check every protected function calls. ASP.NET Core authentication middleware does
/// not run for isolated functions in Azure, so the check is the app's own. Each role trusts its own
/// identity provider (keys from OpenID Connect metadata; locally also a development key): a token no
/// trusted provider vouches for is answered 401, one vouched for without the role 403.
/// </summary>
public sealed partial class Authenticator
{
    /// <summary>Longer is no token any provider issues; refused before parsing.</summary>
    public const int MaxTokenLength = 16 * 1024;

    /// <summary>The wait a 503 for unreadable provider metadata asks for (its Retry-After and retryAfterSeconds).</summary>
    private static readonly TimeSpan IdentityProviderRetryAfter = TimeSpan.FromSeconds(30);

    private readonly TimeProvider time;
    private readonly ILogger<Authenticator> logger;
    private readonly IReadOnlyList<IdentityProvider> providers;

    public Authenticator(IOptions<AuthSettings> options, TimeProvider time, ILogger<Authenticator> logger, IEnumerable<TrustedIdentityProvider> extra)
    {
        this.time = time;
        this.logger = logger;
        providers = Build(options.Value, extra);
    }

    private static List<IdentityProvider> Build(AuthSettings settings, IEnumerable<TrustedIdentityProvider> extra)
    {
        var list = new List<IdentityProvider>();
        var withoutOwn = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (role, own) in new[] { (Roles.Graduate, settings.Graduate), (Roles.Operator, settings.Operator), (Roles.Supervisor, settings.Supervisor) })
        {
            if (own.Configured)
            {
                list.Add(IdentityProvider.FromMetadata(new HashSet<string> { role }, own));
            }
            else
            {
                withoutOwn.Add(role);
            }
        }

        if (withoutOwn.Count > 0 && AuthSettings.NonEmpty(settings.MetadataAddress) is not null)
        {
            list.Add(IdentityProvider.FromMetadata(withoutOwn, new IdentityProviderSettings
            {
                MetadataAddress = settings.MetadataAddress,
                Issuer = settings.Issuer,
                Audience = settings.Audience,
                SubjectClaim = settings.TokenSubjectClaim,
                RoleClaim = settings.TokenRoleClaim,
            }));
        }
        else if (withoutOwn.Count > 0 && settings.HasSigningKey)
        {
            list.Add(IdentityProvider.Development(withoutOwn, settings));
        }

        list.AddRange(extra.Select(e => IdentityProvider.FromMetadata(e.Roles, e.Settings)));
        return list;
    }

    public async Task<Authentication> RequireAsync(HttpRequest request, string role, CancellationToken cancellationToken)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Fail(request, UseCases.Refusal.Unauthorized, "unauthorized", TextCatalog.Default.Text("problems.unauthorized"));
        }

        var raw = header["Bearer ".Length..].Trim();
        JsonWebToken token;
        try
        {
            token = raw.Length <= MaxTokenLength ? new JsonWebToken(raw) : throw new ArgumentException("too long");
        }
        catch (ArgumentException)
        {
            return Invalid(request);
        }

        VouchedToken? vouched = null;
        foreach (var provider in providers.OrderBy(p => p.Roles.Contains(role) ? 0 : 1))
        {
            VouchedToken? found;
            try
            {
                found = await provider.VouchAsync(token, time, cancellationToken);
            }
            catch (InvalidOperationException ex)
            {
                // The provider's metadata could not be read: the caller may be right, so not a 401.
                MetadataUnavailable(ex.GetType().Name);
                return Fail(request, new UseCases.Problem(UseCases.Refusal.Unavailable, "identity-provider-unavailable",
                    TextCatalog.Default.Text("problems.identity-provider-unavailable")).RetryingAfter(IdentityProviderRetryAfter));
            }

            if (found is not null && found.Roles.Contains(role))
            {
                var caller = new Caller(found.Subject, found.Roles);
                request.HttpContext.Items[typeof(Caller)] = caller;
                return new Authentication(caller, null);
            }

            vouched ??= found;
        }

        return vouched is null
            ? Invalid(request)
            : Fail(request, UseCases.Refusal.Forbidden, "forbidden", TextCatalog.Default.Text("problems.forbidden"));
    }

    [LoggerMessage(EventId = 110, Level = LogLevel.Error, Message = "Identity provider metadata unavailable ({Error})")]
    private partial void MetadataUnavailable(string error);

    private static Authentication Invalid(HttpRequest request) =>
        Fail(request, UseCases.Refusal.Unauthorized, "invalid-token", TextCatalog.Default.Text("problems.invalid-token"));

    public static SymmetricSecurityKey DevelopmentKey(AuthSettings settings) =>
        new(Encoding.UTF8.GetBytes(settings.SigningKey ?? throw new InvalidOperationException("Setting 'Auth__SigningKey' is missing.")));

    /// <summary>Mints a development token (local host's token command and tests only).</summary>
    public static string MintDevelopmentToken(AuthSettings settings, TimeProvider time, string role, string subject, TimeSpan? lifetime = null)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object> { [settings.TokenSubjectClaim] = subject, [settings.TokenRoleClaim] = new[] { role } };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            Issuer = settings.TokenIssuer,
            Audience = settings.TokenAudience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromHours(12)),
            SigningCredentials = new SigningCredentials(DevelopmentKey(settings), SecurityAlgorithms.HmacSha256),
        });
    }

    private static Authentication Fail(HttpRequest request, UseCases.Refusal refusal, string code, Domain.Text detail) =>
        Fail(request, new UseCases.Problem(refusal, code, detail));

    private static Authentication Fail(HttpRequest request, UseCases.Problem problem)
    {
        if (problem.Kind == UseCases.Refusal.Unauthorized)
        {
            request.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
        }

        return new Authentication(null, Problems.Create(request, problem));
    }
}
