using Otrabotka.LocalHost;

namespace Otrabotka.Functions.Tests;

/// <summary>
/// The local host configured as in Azure: no development key, each role's provider read from OpenID
/// Connect metadata — here the host's own OIDC stand-in — with an empty issuer (taken from the metadata),
/// the graduate's IIN from the "iin" claim. The stand-in is not otherwise trusted. HTTP only, so it
/// never takes the shared host's queue messages.
/// </summary>
public sealed class MetadataAuthHostFixture() : LocalHostFixture(
    new Dictionary<string, string?>
    {
        ["Auth:SigningKey"] = "",
        ["Auth:Issuer"] = "",
        ["Auth:Graduate:MetadataAddress"] = "{base}/dev/oidc/.well-known/openid-configuration",
        ["Auth:Graduate:Issuer"] = "",
        ["Auth:Graduate:Audience"] = ApiAudience,
        ["Auth:Graduate:SubjectClaim"] = OidcStandIn.IinClaim,
        ["Auth:Graduate:RoleClaim"] = "roles",
        ["Auth:Operator:MetadataAddress"] = "{base}/dev/oidc/.well-known/openid-configuration",
        ["Auth:Operator:Issuer"] = "",
        ["Auth:Operator:Audience"] = ApiAudience,
        ["Auth:Operator:SubjectClaim"] = "sub",
        ["Auth:Operator:RoleClaim"] = "roles",
        ["Auth:Supervisor:MetadataAddress"] = "{base}/dev/oidc/.well-known/openid-configuration",
        ["Auth:Supervisor:Issuer"] = "",
        ["Auth:Supervisor:Audience"] = ApiAudience,
        ["Auth:Supervisor:SubjectClaim"] = "sub",
        ["Auth:Supervisor:RoleClaim"] = "roles",
        ["LocalHost:Oidc:TrustedByApi"] = "false",
        ["LocalHost:Oidc:ApiAudience"] = ApiAudience,
    },
    triggers: false)
{
    public const string ApiAudience = "api://otrabotka-test";

    public OidcStandIn Idp => Service<OidcStandIn>();

    /// <summary>Tokens come from the stand-in, as a signed-in person's would.</summary>
    public override string Token(string role, string subject) => Idp.AccessToken(role, subject);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Storage.EnsureCreatedAsync();
    }
}

/// <summary>Runs alone, after the parallel collections: its host registers graduates in the shared account, which the
/// shared host's counting tests (OperatorResyncTests: the dashboard's total before and after a re-sync) must not see.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetadataAuthHostCollection : ICollectionFixture<MetadataAuthHostFixture>
{
    public const string Name = "metadata auth host";
}
