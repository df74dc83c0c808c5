using Otrabotka.Domain;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// The file a chunk belongs to: its job, its identity (content hash) and first receipt time — the order in which
/// "the latest file wins" — and how its line numbers are reported (JSON items are numbered from 1).
/// </summary>
public sealed record FeedFile(string JobId, string FileId, DateTimeOffset ReceivedAt, int LineOffset = 0);

/// <summary>One problem on one line of a feed or registry file, before it is rendered in the importer's language.</summary>
public sealed record FeedProblem(int Line, string Code, Text Detail);

/// <summary>
/// What one execution of a chunk did: rows read, applied by this import, unchanged, superseded by a later file, and its
/// problems; <paramref name="Next"/> when its time budget stopped it — the chunk's graduates handled so far, where the
/// next execution goes on (null: the chunk is done).
/// </summary>
public sealed record ChunkTally(int Read, int Applied, int Unchanged, int Superseded, IReadOnlyList<FeedProblem> Problems, int? Next = null);
