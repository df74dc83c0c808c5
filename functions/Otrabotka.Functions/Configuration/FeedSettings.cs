using System.ComponentModel.DataAnnotations;

namespace Otrabotka.Functions.Configuration;

/// <summary>Feed and registry imports: rows per chunk (one queue message, one execution) and graduates worked on at once.</summary>
public sealed class FeedSettings
{
    public const string Section = "Feed";

    /// <summary>About 0.1 s of storage work a row on Azurite: 1,000 rows stay far below a minute.</summary>
    [Range(1, 20_000, ErrorMessage = "Setting 'Feed__ChunkRows' must be between 1 and 20000.")]
    public int ChunkRows { get; set; } = 1000;

    [Range(1, 64, ErrorMessage = "Setting 'Feed__Parallelism' must be between 1 and 64.")]
    public int Parallelism { get; set; } = 8;
}
