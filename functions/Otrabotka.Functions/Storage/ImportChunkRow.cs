using Azure;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// One chunk of an import job: its byte range in the file, its first line's number, and its counts so far. A chunk
/// whose execution ran out of time (Import:ChunkSeconds) has <see cref="NextLine"/>, the file line its next execution
/// goes on from (every line before it registered and counted in <see cref="Counts"/>); a done chunk has none.
/// </summary>
public sealed record ImportChunkRow(int Number, long Start, long End, int FirstLine, bool Done, ImportChunkCounts Counts)
{
    public int? NextLine { get; init; }

    /// <summary>Executions that recorded the chunk (one unless its time budget ran out).</summary>
    public int Executions { get; init; }

    /// <summary>The row's ETag as read: a record is conditional on it, so of two deliveries of the chunk at once one records.</summary>
    public ETag ETag { get; init; }
}
