using Otrabotka.Domain;

namespace Otrabotka.Functions.Storage;

/// <summary>An import job as stored: the file's header line, the importer's language, when, and once planned how many chunks.</summary>
public sealed record ImportJobRow(string JobId, string Header, Language Language, DateTimeOffset CreatedAt, int? Chunks);
