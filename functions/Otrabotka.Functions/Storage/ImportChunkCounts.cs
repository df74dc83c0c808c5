namespace Otrabotka.Functions.Storage;

/// <summary>What a chunk came to: rows read, registered, unchanged, conflicts, errors (the first ones as JSON), storage writes.</summary>
public sealed record ImportChunkCounts(int Read, int Registered, int Unchanged, int Conflicts, int Errors, int Writes, string ErrorList)
{
    public static ImportChunkCounts None { get; } = new(0, 0, 0, 0, 0, 0, "[]");
}
