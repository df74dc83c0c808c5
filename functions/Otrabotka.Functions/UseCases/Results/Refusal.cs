namespace Otrabotka.Functions.UseCases;

/// <summary>Why a use case refused: a named outcome; the HTTP edge maps it to a status code.</summary>
public enum Refusal
{
    /// <summary>Fields are missing or malformed (with field errors).</summary>
    Invalid,
    Unauthorized,
    Forbidden,
    NotFound,
    /// <summary>The state forbids it now (an illegal move, a concurrent change, a duplicate).</summary>
    Conflict,
    /// <summary>The caller's copy is stale: the record changed since they read it (If-Match).</summary>
    PreconditionFailed,
    /// <summary>It existed but is no more (an expired or replaced link).</summary>
    Gone,
    TooLarge,
    UnsupportedMediaType,
    /// <summary>Well-formed but the rules refuse it.</summary>
    Unprocessable,
    /// <summary>A rate limit is spent for now (with Retry-After).</summary>
    TooManyRequests,
    /// <summary>A service the request needs is down for now.</summary>
    Unavailable,
    /// <summary>Nothing a caller did: a failure the edge reports with a trace id only.</summary>
    Failed,
}
