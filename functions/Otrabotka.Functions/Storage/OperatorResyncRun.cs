using Azure;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// One re-sync of the operators' index over every graduate: the step it has reached, where the profiles'
/// walk goes on, how many graduates it has re-synced, and whether it is done (ETag-guarded on save).
/// </summary>
public sealed record OperatorResyncRun(
    string RunId, DateTimeOffset StartedAt, DateTimeOffset UpdatedAt, int Step, string? WalkToken, int Graduates, int Failed, bool Done, ETag ETag = default);
