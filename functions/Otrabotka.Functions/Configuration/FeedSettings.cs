using System.ComponentModel.DataAnnotations;

namespace Otrabotka.Functions.Configuration;

/// <summary>
/// Feed and registry imports: rows per chunk (one byte range of the file, one queue message), graduates worked on at
/// once, and the time after which a feed chunk's execution stops taking graduates and re-queues the rest (ADR 0009).
/// </summary>
public sealed class FeedSettings
{
    public const string Section = "Feed";

    /// <summary>Lines per chunk: what one execution reads and parses; the time a chunk takes is bounded by <see cref="ChunkSeconds"/>.</summary>
    [Range(1, 20_000, ErrorMessage = "Setting 'Feed__ChunkRows' must be between 1 and 20000.")]
    public int ChunkRows { get; set; } = 1000;

    [Range(1, 64, ErrorMessage = "Setting 'Feed__Parallelism' must be between 1 and 64.")]
    public int Parallelism { get; set; } = 8;

    /// <summary>
    /// The time a feed chunk's execution aims to end within, its graduates' index sync and e-mail queueing included: it
    /// applies its graduates in pieces sized from the pace of the ones before (ADR 0030) and hands the rest to the next
    /// message, so it ends well within a minute however slow the storage is. 20 s, not the import's 30: at full size on
    /// this machine a piece's pace misjudged the next by up to twice (ADR 0030), and 30 s then gave executions of 61 s.
    /// </summary>
    [Range(0, 240, ErrorMessage = "Setting 'Feed__ChunkSeconds' must be between 0 and 240.")]
    public double ChunkSeconds { get; set; } = 20;
}
