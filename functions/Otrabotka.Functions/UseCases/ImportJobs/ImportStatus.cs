namespace Otrabotka.Functions.UseCases;

/// <summary>An import job as the operator sees it: counts so far, the first errors with their lines, done.</summary>
public sealed record ImportStatus(
    string ImportId, string State, int Chunks, int ChunksDone, int RowsRead, int Registered, int Unchanged, int Conflicts, int ErrorCount,
    IReadOnlyList<ImportError> Errors, bool Done, DateTimeOffset CreatedAt);
