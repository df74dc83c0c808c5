namespace Otrabotka.Domain;

/// <summary>
/// A source format of the pension feed. Another source (the Ministry's JSON, a fixed-width export) is one
/// more implementation; matching never sees the format.
/// </summary>
public interface IPensionFeedFormat
{
    /// <summary>The format's name, as an import records it (e.g. <c>csv-v1</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Reads the file's head at once: a file of the wrong shape is refused whole (<see cref="FileShape{TLine}.IsValid"/>
    /// false, with a reason and what is missing). Otherwise the lines are read lazily, one at a time, as the
    /// caller enumerates <see cref="FileShape{TLine}.Lines"/>; a bad line is reported and the rest go on.
    /// </summary>
    FileShape<FeedLine> Open(TextReader reader);
}
