namespace Otrabotka.Domain;

/// <summary>
/// One (graduate, employer, month) of the feed as stored: whether the contribution was paid, and the file it
/// came from. Files are ordered by <see cref="FileReceivedAt"/>, then <see cref="FileId"/>: the later wins.
/// </summary>
public sealed record ContributionMonth(Iin Iin, Bin EmployerBin, FeedMonth Month, bool Paid, DateTimeOffset FileReceivedAt, string FileId)
{
    /// <summary>Whether this month's report replaces <paramref name="earlier"/> for the same (IIN, BIN, month).</summary>
    public bool Supersedes(ContributionMonth earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        var order = FileReceivedAt.CompareTo(earlier.FileReceivedAt);
        return order > 0 || (order == 0 && string.CompareOrdinal(FileId, earlier.FileId) > 0);
    }
}
