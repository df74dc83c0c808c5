using Azure;

namespace Otrabotka.Functions.Storage;

/// <summary>What a key's record says: a first answer to replay, that the key was used for another request, or nothing (with the ETag of an expired record to replace).</summary>
public sealed record IdempotencyCheck(StoredAnswer? Replay, bool Reused, ETag? Expired = null);
