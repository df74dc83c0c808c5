namespace Otrabotka.Domain;

/// <summary>
/// What the validation step found: the file's facts, the reasons and warnings of file sanity and the rules, and the
/// file's safety. <see cref="NeedsReview"/>: a warning an operator must weigh (the employer registry says otherwise),
/// so a hire goes to review instead of to the employer.
/// </summary>
public sealed record DocumentValidation(DocumentFile File, IReadOnlyList<Reason> Reasons, IReadOnlyList<Reason> Warnings, FileSafety Safety = FileSafety.Clean, bool NeedsReview = false)
{
    /// <summary>The reasons to reject: the checks' and, for a malicious file, that.</summary>
    public IReadOnlyList<Reason> AllReasons => Safety == FileSafety.Malicious ? [.. Reasons, FileSafetyRules.Malicious] : Reasons;

    public bool Rejected => AllReasons.Count > 0;
}
