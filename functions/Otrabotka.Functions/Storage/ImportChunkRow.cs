namespace Otrabotka.Functions.Storage;

/// <summary>One chunk of an import job: its byte range in the file, its first line's number, and once done its counts.</summary>
public sealed record ImportChunkRow(int Number, long Start, long End, int FirstLine, bool Done, ImportChunkCounts Counts);

/// <summary>What a chunk came to: rows read, registered, unchanged, conflicts, errors (the first ones as JSON), storage writes.</summary>
public sealed record ImportChunkCounts(int Read, int Registered, int Unchanged, int Conflicts, int Errors, int Writes, string ErrorList)
{
    public static ImportChunkCounts None { get; } = new(0, 0, 0, 0, 0, 0, "[]");
}
