using Microsoft.Extensions.Options;
using Otrabotka.Domain;
using Otrabotka.Functions.Configuration;

namespace Otrabotka.Functions.Adapters;

/// <summary>The one place an employer link is built: the signed token of a document's link state under the public base URL.</summary>
public sealed class EmployerLinks(EmployerTokens tokens, IOptions<OtrabotkaSettings> settings)
{
    public string For(string graduateId, string documentId, EmployerLink link) =>
        For(new EmployerClaim(graduateId, documentId, link.Email, link.Version, link.IssuedAt ?? default));

    /// <summary>The same claim gives the same token (an HMAC), so a reminder carries the very link of the first e-mail.</summary>
    public string For(EmployerClaim claim) => tokens.Link(settings.Value.PublicBaseUrl, tokens.Issue(claim));
}
