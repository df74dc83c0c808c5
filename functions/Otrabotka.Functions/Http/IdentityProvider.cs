using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Otrabotka.Functions.Configuration;

namespace Otrabotka.Functions.Http;

/// <summary>A token one provider vouched for: the caller's subject and the roles the provider grants.</summary>
public sealed record VouchedToken(string Subject, IReadOnlySet<string> Roles);

/// <summary>
/// One identity provider the app trusts: where its keys come from (OpenID Connect metadata, or the
/// development key), the issuer and audience its tokens must carry, the claim that names the subject,
/// and the roles it may grant (all of them, or those its role claim lists).
/// </summary>
public sealed class IdentityProvider
{
    private static readonly string[] AsymmetricAlgorithms =
        [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512, SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384];

    private readonly JsonWebTokenHandler handler = new() { MapInboundClaims = false };
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? metadata;
    private readonly SecurityKey? developmentKey;
    private readonly string? issuer;
    private readonly string audience;
    private readonly string subjectClaim;
    private readonly string? roleClaim;

    private IdentityProvider(IReadOnlySet<string> roles, ConfigurationManager<OpenIdConnectConfiguration>? metadata, SecurityKey? developmentKey, string? issuer, string audience, string subjectClaim, string? roleClaim)
    {
        Roles = roles;
        this.metadata = metadata;
        this.developmentKey = developmentKey;
        this.issuer = issuer;
        this.audience = audience;
        this.subjectClaim = subjectClaim;
        this.roleClaim = roleClaim;
    }

    /// <summary>The roles this provider may grant.</summary>
    public IReadOnlySet<string> Roles { get; }

    public static IdentityProvider FromMetadata(IReadOnlySet<string> roles, IdentityProviderSettings settings)
    {
        var address = settings.MetadataAddress!.Trim();
        var requireHttps = !(Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.IsLoopback);
        var manager = new ConfigurationManager<OpenIdConnectConfiguration>(address, new OpenIdConnectConfigurationRetriever(), new HttpDocumentRetriever { RequireHttps = requireHttps });
        return new IdentityProvider(
            roles, manager, null, AuthSettings.NonEmpty(settings.Issuer), AuthSettings.NonEmpty(settings.Audience) ?? "",
            AuthSettings.NonEmpty(settings.SubjectClaim) ?? "sub", AuthSettings.NonEmpty(settings.RoleClaim));
    }

    public static IdentityProvider Development(IReadOnlySet<string> roles, AuthSettings settings) =>
        new(roles, null, Authenticator.DevelopmentKey(settings), settings.TokenIssuer, settings.TokenAudience, settings.TokenSubjectClaim, settings.TokenRoleClaim);

    /// <summary>The token's subject and granted roles, or null when this provider does not vouch for it.</summary>
    public async Task<VouchedToken?> VouchAsync(JsonWebToken token, TimeProvider time, CancellationToken cancellationToken)
    {
        var parameters = await ParametersAsync(time, refresh: false, cancellationToken);
        if (parameters is null || !string.Equals(parameters.ValidIssuer, token.Issuer, StringComparison.Ordinal))
        {
            return null;
        }

        var result = await handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException && metadata is not null)
        {
            // The provider may have rolled its keys since the metadata was read.
            parameters = await ParametersAsync(time, refresh: true, cancellationToken);
            result = parameters is null ? result : await handler.ValidateTokenAsync(token, parameters);
        }

        if (!result.IsValid)
        {
            return null;
        }

        var subject = result.ClaimsIdentity.FindFirst(subjectClaim)?.Value;
        var granted = roleClaim is null
            ? Roles
            : result.ClaimsIdentity.FindAll(roleClaim).Select(c => c.Value).Where(Roles.Contains).ToHashSet(StringComparer.Ordinal);
        return string.IsNullOrWhiteSpace(subject) || granted.Count == 0 ? null : new VouchedToken(subject, granted);
    }

    private async Task<TokenValidationParameters?> ParametersAsync(TimeProvider time, bool refresh, CancellationToken cancellationToken)
    {
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidAudience = audience,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            LifetimeValidator = (notBefore, expires, _, _) =>
            {
                var now = time.GetUtcNow().UtcDateTime;
                return (notBefore is null || notBefore <= now.AddMinutes(2)) && expires is not null && expires > now.AddMinutes(-2);
            },
        };
        if (metadata is null)
        {
            parameters.IssuerSigningKey = developmentKey;
            parameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
            return parameters;
        }

        if (refresh)
        {
            metadata.RequestRefresh();
        }

        var configuration = await metadata.GetConfigurationAsync(cancellationToken);
        parameters.IssuerSigningKeys = configuration.SigningKeys;
        parameters.ValidAlgorithms = AsymmetricAlgorithms;
        parameters.ValidIssuer ??= configuration.Issuer;
        // A multi-tenant document's issuer is a template ("{tenantid}") that no token carries: trust nothing.
        return string.IsNullOrEmpty(parameters.ValidIssuer) || parameters.ValidIssuer.Contains('{', StringComparison.Ordinal) ? null : parameters;
    }
}
