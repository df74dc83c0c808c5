using Otrabotka.Domain;

namespace Otrabotka.Functions.UseCases;

/// <summary>Which file an import reads: the monthly pension feed, or the employer registry.</summary>
public enum FeedFileKind
{
    Feed,
    Registry,
}

/// <summary>
/// A feed or registry import as the operator follows it: rows read, applied (written by this import), unchanged
/// (already so), superseded (a later file says otherwise), the first errors with their lines, and whether it is
/// done. A file of the wrong shape is <c>refused</c> as a whole, with the reason and the columns missing.
/// </summary>
public sealed record FeedImportStatus(
    string ImportId,
    FeedFileKind Kind,
    string State,
    int Chunks,
    int ChunksDone,
    int RowsRead,
    int Applied,
    int Unchanged,
    int Superseded,
    int ErrorCount,
    IReadOnlyList<ImportError> Errors,
    bool Done,
    DateTimeOffset CreatedAt,
    string? Refusal = null,
    IReadOnlyList<string>? MissingColumns = null);

/// <summary>Why a file was refused as a whole (its shape), before any row was read.</summary>
public sealed record FeedRefusal(string Code, Text Detail, IReadOnlyList<string> MissingColumns);

/// <summary>What an upload answers: the job to follow, or the refusal of the whole file.</summary>
public sealed record FeedStart(FeedImportStatus? Job, FeedRefusal? Refused);
