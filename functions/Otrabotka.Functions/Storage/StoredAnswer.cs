namespace Otrabotka.Functions.Storage;

/// <summary>The first answer to an idempotent request: its outcome's wire name, the JSON body and the Location.</summary>
public sealed record StoredAnswer(string Outcome, string Body, string? Location);
