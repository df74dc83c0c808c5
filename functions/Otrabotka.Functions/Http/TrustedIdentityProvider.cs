using Otrabotka.Functions.Configuration;

namespace Otrabotka.Functions.Http;

/// <summary>
/// An identity provider trusted besides the configured ones, registered by a host in code (the local
/// host's OIDC stand-in for the development pages). The Functions app registers none.
/// </summary>
public sealed record TrustedIdentityProvider(IReadOnlySet<string> Roles, IdentityProviderSettings Settings);
