using Azure;
using Otrabotka.Domain;

namespace Otrabotka.Functions.Storage;

/// <summary>A graduate as registered by an operator (the profile row of the graduate's partition).</summary>
public sealed record GraduateRecord(
    string Id,
    string Iin,
    string FullName,
    string Email,
    Language Language,
    Obligation Obligation,
    string University,
    DateTimeOffset RegisteredAt,
    string ImportHash,
    DefaultDeclaration? Default = null,
    decimal? DefaultAmount = null,
    Region? Region = null,
    ObligationStatus? Status = null,
    FeedState? Feed = null)
{
    public ETag ETag { get; init; }

    /// <summary>The row key the profile was read under (the old shared key of ADR 0022 included); null for a graduate not stored yet (<see cref="GraduateStore.ProfileKey"/>).</summary>
    public string? StoredKey { get; init; }
}
