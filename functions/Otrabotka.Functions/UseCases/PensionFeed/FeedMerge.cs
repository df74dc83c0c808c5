using Otrabotka.Domain;

using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// A file's rows against a graduate's stored months: a month not yet known, or now reported otherwise by a later
/// file, is written; a month already so is not (a re-import changes nothing). A row counts as applied when this
/// import wrote it — now, or before a crash cut its chunk short — so a chunk run again counts nothing twice.
/// </summary>
public sealed record FeedMerge(IReadOnlyList<StoredFeedMonth> Months, IReadOnlyList<StoredFeedMonth> Writes, GraduateFeedTally Tally)
{
    public static FeedMerge Of(FeedFile? file, IReadOnlyList<StoredFeedMonth> stored, IReadOnlyList<FeedRow> rows)
    {
        // One month under both row keys (an old writer running beside a new one) counts once: the latest report.
        var months = stored.GroupBy(m => m.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(m => m.ReceivedAt).ThenByDescending(m => m.FileId, StringComparer.Ordinal).First(), StringComparer.Ordinal);
        var writes = new Dictionary<string, StoredFeedMonth>(StringComparer.Ordinal);
        int applied = 0, unchanged = 0, superseded = 0;
        if (file is null)
        {
            return new FeedMerge([.. months.Values], [], new GraduateFeedTally(0, 0, 0));
        }

        foreach (var row in rows)
        {
            var incoming = new StoredFeedMonth(row.EmployerBin, row.Month, row.ContributionPaid, file.ReceivedAt, file.FileId, file.JobId);
            var key = incoming.Key;
            if (!months.TryGetValue(key, out var current))
            {
                (months[key], writes[key]) = (incoming, incoming);
                applied++;
            }
            else if (current.Paid == row.ContributionPaid)
            {
                _ = current.JobId == file.JobId ? applied++ : unchanged++;
            }
            else if (Contribution(incoming).Supersedes(Contribution(current)))
            {
                // Written back under the row key it was read with (an old store's shared key stays in place, ADR 0022).
                incoming = incoming with { StoredKey = current.StoredKey };
                (months[key], writes[key]) = (incoming, incoming);
                applied++;
            }
            else
            {
                superseded++;
            }
        }

        return new FeedMerge([.. months.Values], [.. writes.Values], new GraduateFeedTally(applied, unchanged, superseded));
    }

    /// <summary>The file order only (the IIN is the same for every month compared).</summary>
    private static ContributionMonth Contribution(StoredFeedMonth month) => new(default, month.Bin, month.Month, month.Paid, month.ReceivedAt, month.FileId);
}
