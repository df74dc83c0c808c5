namespace Otrabotka.Functions.UseCases;

/// <summary>An import job as the operator sees it: counts so far, the first errors with their lines, done.</summary>
public sealed record ImportStatus(
    string ImportId, string State, int Chunks, int ChunksDone, int RowsRead, int Registered, int Unchanged, int Conflicts, int ErrorCount,
    IReadOnlyList<ImportError> Errors, bool Done, DateTimeOffset CreatedAt);

/// <summary>What the import route answers: the result at once (small file), a job to follow (large file), or a refusal.</summary>
public sealed record ImportStart(ImportResult? Result, ImportStatus? Job, Problem? Refused);
