namespace Otrabotka.Functions.UseCases;

/// <summary>A document as sent: its kind and metadata (JSON), and the file (absent for a direct upload).</summary>
public sealed record DocumentSubmission(string? Kind, string? Metadata, byte[]? File);
