using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// Judges a graduate's stored feed months again without a file: after a document was accepted (or left the accepted
/// state) the cross-checks and the documents' dates may say otherwise, and after a later feed file arrived a month no
/// longer reported may now count as a stop. The caller (the index sync, or the stop sweep) follows with the indexes.
/// </summary>
public sealed class ReassessFeed(ApplyFeedMonths apply, EmployerRegistryStore registry, FeedCoverage coverage)
{
    /// <summary>Re-assesses: whether anything was written, and whether the indexes must follow.</summary>
    public async Task<FeedApplied> RunAsync(string graduateId, CancellationToken cancellationToken)
    {
        var coveredThrough = await coverage.ReadAsync(cancellationToken);
        return await apply.RunAsync(null, graduateId, [], registry.Cached(), coveredThrough, prepare: null, cancellationToken);
    }
}
