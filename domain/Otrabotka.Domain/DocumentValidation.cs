namespace Otrabotka.Domain;

/// <summary>What the validation step found: the file's facts and the reasons and warnings of file sanity and the rules.</summary>
public sealed record DocumentValidation(DocumentFile File, IReadOnlyList<Reason> Reasons, IReadOnlyList<Reason> Warnings)
{
    public bool Rejected => Reasons.Count > 0;
}
