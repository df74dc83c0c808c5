namespace Otrabotka.Functions.UseCases;

/// <summary>
/// How many lines of its chunk an import execution registers next, so that it ends within Import:ChunkSeconds (no
/// execution over a minute, whatever the store's speed): the first piece is a quarter of a chunk and always taken, so
/// every execution makes progress; each next piece is as many lines as the pace measured so far fits in the time left;
/// none once the budget is spent, or when what fits is too short to be worth a piece's fixed calls (the IIN index and
/// due-row transactions are per piece). A chunk that fits in its budget runs in two pieces; the rest is the next
/// message's (ADR 0025).
/// </summary>
public sealed class ImportPace(TimeSpan budget, int chunkRows, TimeProvider time)
{
    private readonly long started = time.GetTimestamp();
    private int done;

    /// <summary>The first piece of an execution: a quarter of a chunk (at the default 1,000 rows: 250, one counter shard's run, ADR 0025).</summary>
    public int FirstPiece => Math.Max(1, (chunkRows + 3) / 4);

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

        var fits = (int)Math.Min(left, done * rest.TotalSeconds / Math.Max(elapsed.TotalSeconds, 0.001));
        return fits >= Math.Min(left, Math.Max(1, FirstPiece / 5)) ? fits : 0;
    }

    /// <summary>A piece of <paramref name="lines"/> lines is registered.</summary>
    public void Took(int lines) => done += lines;
}
