using Azure;

namespace Otrabotka.Functions.Storage;

/// <summary>An Idempotency-Key's record, added in the change's own transaction (or replacing an expired one by its ETag).</summary>
public sealed record IdempotencyRecord(string Route, string Key, string RequestHash, StoredAnswer Answer, DateTimeOffset CreatedAt, ETag? Expired);
