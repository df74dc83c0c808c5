namespace Otrabotka.Functions.UseCases;

/// <summary>
/// How many lines of its chunk an import execution registers next (or graduates of its chunk a feed execution applies
/// and syncs next), so that it ends within Import:ChunkSeconds (Feed:ChunkSeconds) — no execution over a minute,
/// whatever the store's speed: the first piece is a tenth of a chunk and always taken, so
/// every execution makes progress and measures the store's pace; each next piece is as many lines as that pace fits in
/// three quarters of the time left (the rest is slack for a pace that slows down); none once the budget is spent, or
/// when what fits is under half a first piece (not worth a piece's fixed calls: the IIN claims and due-row
/// transactions are per piece; a feed piece's index sync is batched). A chunk that fits its budget runs in two pieces;
/// the rest is the next message's (ADR 0025, ADR 0030).
/// </summary>
public sealed class ImportPace(TimeSpan budget, int chunkRows, TimeProvider time, long? startedAt = null, int? firstPiece = null, int? largestPiece = null)
{
    /// <summary>The share of the time left that a next piece is sized to fill.</summary>
    private const double Fill = 0.75;

    /// <summary>From the execution's start when the caller did work before the first piece (a feed chunk's parse), else from now.</summary>
    private readonly long started = startedAt ?? time.GetTimestamp();
    private int done;

    /// <summary>The first piece of an execution: a tenth of a chunk (100 lines at the default 1,000), unless the caller sizes it.</summary>
    public int FirstPiece => firstPiece ?? Math.Max(1, (chunkRows + 9) / 10);

    /// <summary>Lines of the next piece out of <paramref name="left"/>; 0: stop and hand the rest on.</summary>
    public int Next(int left)
    {
        if (left <= 0)
        {
            return 0;
        }

        if (done == 0)
        {
            return Math.Min(FirstPiece, left);
        }

        var elapsed = time.GetElapsedTime(started);
        var rest = budget - elapsed;
        if (rest <= TimeSpan.Zero)
        {
            return 0;
        }

        // A caller whose store's pace swings within an execution caps the pieces, so the pace is measured again often.
        var fits = (int)Math.Min(Math.Min(left, largestPiece ?? int.MaxValue), done * Fill * rest.TotalSeconds / Math.Max(elapsed.TotalSeconds, 0.001));
        return fits >= Math.Min(left, Math.Max(1, FirstPiece / 2)) ? fits : 0;
    }

    /// <summary>A piece of <paramref name="lines"/> lines is registered.</summary>
    public void Took(int lines) => done += lines;
}
