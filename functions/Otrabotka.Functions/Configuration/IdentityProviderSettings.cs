using System.ComponentModel.DataAnnotations;

namespace Otrabotka.Functions.Configuration;

/// <summary>
/// One identity provider the app trusts for a role (section <c>Auth:Graduate</c> or <c>Auth:Operator</c>):
/// its OpenID Connect metadata, the issuer and audience its tokens must carry, the claim that names the
/// caller (for graduates: the IIN, from a provider that verifies it) and, optionally, a claim that must
/// list the role. An empty value binds as "" and means "not set": an empty Issuer is the metadata's.
/// </summary>
public sealed class IdentityProviderSettings
{
    public string? MetadataAddress { get; set; }

    /// <summary>Empty: the issuer of the metadata document (a tenant-specific one).</summary>
    public string? Issuer { get; set; }

    public string? Audience { get; set; }

    /// <summary>The claim that carries the caller's subject; for graduates, the IIN. No default.</summary>
    public string? SubjectClaim { get; set; }

    /// <summary>A claim that must list the role (e.g. Entra app roles: "roles"); empty: the provider's tokens are the role's.</summary>
    public string? RoleClaim { get; set; }

    public bool Configured => !string.IsNullOrWhiteSpace(MetadataAddress);

    public IEnumerable<ValidationResult> Validate(string section)
    {
        if (!Configured)
        {
            yield break;
        }

        if (AuthSettings.MetadataProblem(MetadataAddress!) is { } problem)
        {
            yield return new ValidationResult($"Setting '{section}__MetadataAddress' {problem}");
        }

        if (string.IsNullOrWhiteSpace(Audience))
        {
            yield return new ValidationResult($"Setting '{section}__Audience' is missing.");
        }

        if (string.IsNullOrWhiteSpace(SubjectClaim))
        {
            yield return new ValidationResult($"Setting '{section}__SubjectClaim' is missing: name the claim of a provider that verifies it.");
        }
    }
}
