using System.Collections.Concurrent;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// The IIN index's answers this instance has seen confirmed by a profile: index row key → graduate id. An IIN's
/// owner never changes once their profile exists (an IIN is not correctable, profiles are not deleted; only an
/// index row whose profile was never written is taken over, and such a row is never remembered), so a graduate's
/// requests after their first on an instance — or after their registration on it — skip the index read
/// (issue 12, ADR 0024). Keyed by the index's HMAC row key, never the IIN; bounded: when full it starts afresh.
/// </summary>
public sealed class KnownGraduates
{
    public const int Capacity = 50_000;

    private readonly ConcurrentDictionary<string, string> owners = new(StringComparer.Ordinal);

    public bool TryGet(string indexKey, out string graduateId) => owners.TryGetValue(indexKey, out graduateId!);

    /// <summary>Forgets everything, as a freshly started instance has (the IIN index's own answers then count again).</summary>
    public void Clear() => owners.Clear();

    public void Remember(string indexKey, string graduateId)
    {
        if (owners.Count >= Capacity)
        {
            owners.Clear();
        }

        owners[indexKey] = graduateId;
    }
}
