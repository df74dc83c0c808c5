namespace Otrabotka.Domain;

/// <summary>The state of a document's employer link: to whom, which version (older links stop working), when, answered or not.</summary>
public sealed record EmployerLink(string Email, int Version, DateTimeOffset? IssuedAt, bool Used)
{
    public EmployerLink Reissued(DateTimeOffset at) => this with { Version = Version + 1, IssuedAt = at, Used = false };
}
