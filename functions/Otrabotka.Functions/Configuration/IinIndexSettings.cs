namespace Otrabotka.Functions.Configuration;

/// <summary>
/// The IIN index's HMAC key (<c>IinIndex__Key</c>, a Key Vault reference in Azure). Table row keys appear in
/// storage request logs, so the index is keyed by HMAC-SHA256(key, IIN), never by the IIN or a bare hash
/// of it (12 digits are enumerated in minutes). In Development an unset key is the published
/// <see cref="DevelopmentKey"/>; outside Development that key, or none, stops the host at start.
/// Rotating the key means re-keying the index (SECURITY.md).
/// </summary>
public sealed class IinIndexSettings
{
    public const string Section = "IinIndex";

    /// <summary>Not a secret: printed here and in local.settings.sample.json, refused outside Development.</summary>
    public const string DevelopmentKey = "otrabotka-development-iin-index-key-not-a-secret";

    public const int MinimumLength = 32;

    public string? Key { get; set; }
}
