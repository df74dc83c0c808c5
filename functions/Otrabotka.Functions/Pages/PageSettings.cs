namespace Otrabotka.Functions.Pages;

/// <summary>
/// The pages' sign-in: the OpenID Connect authority and the public client id the browser uses (code +
/// PKCE, no secret). Without an authority, the pages use the issuer of <c>Auth__MetadataAddress</c>, or
/// locally the local host's OIDC stand-in at /dev/oidc.
/// </summary>
public sealed class PageSettings
{
    public const string Section = "Pages";

    public string? OidcAuthority { get; set; }

    public string OidcClientId { get; set; } = "otrabotka-pages";

    /// <summary>Extra scopes asked for besides openid (in Entra, the API's scope, e.g. api://otrabotka/access).</summary>
    public string? OidcScope { get; set; }
}
