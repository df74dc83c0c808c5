namespace Otrabotka.Domain;

/// <summary>
/// What validation learnt of a document's file: where it was filed, its SHA-256, the stored version it judged
/// (so a repeated delivery is recognised), and the earlier document it duplicates, if any.
/// </summary>
public sealed record DocumentFile(string? Location, string? Sha256, string? JudgedVersion, string? DuplicateOf)
{
    public static DocumentFile None { get; } = new(null, null, null, null);
}
