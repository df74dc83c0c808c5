namespace Otrabotka.Functions.Storage;

/// <summary>One chunk of an import job: its byte range in the file, its first line's number, and once done its counts.</summary>
public sealed record ImportChunkRow(int Number, long Start, long End, int FirstLine, bool Done, ImportChunkCounts Counts);
