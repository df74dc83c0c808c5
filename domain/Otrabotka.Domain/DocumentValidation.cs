namespace Otrabotka.Domain;

/// <summary>What the validation step found: the file's facts, the reasons and warnings of file sanity and the rules, and the file's safety.</summary>
public sealed record DocumentValidation(DocumentFile File, IReadOnlyList<Reason> Reasons, IReadOnlyList<Reason> Warnings, FileSafety Safety = FileSafety.Clean)
{
    /// <summary>The reasons to reject: the checks' and, for a malicious file, that.</summary>
    public IReadOnlyList<Reason> AllReasons => Safety == FileSafety.Malicious ? [.. Reasons, FileSafetyRules.Malicious] : Reasons;

    public bool Rejected => AllReasons.Count > 0;
}
