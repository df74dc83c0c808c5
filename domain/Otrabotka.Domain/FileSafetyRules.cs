namespace Otrabotka.Domain;

/// <summary>
/// What a file's safety allows (issue 11, M2): only a clean file is accepted without a person (else it
/// waits in review); a malicious one rejects the document. A reviewer cannot approve a file not known clean.
/// </summary>
public static class FileSafetyRules
{
    public static readonly Reason Malicious = new("file-malicious",
        new("Файлда зиянды бағдарлама табылды.", "В файле обнаружена вредоносная программа.", "Malware was found in the file."));

    public static readonly Reason NotScanned = new("file-not-scanned",
        new("Файл әлі вирусқа тексерілмеген; кейінірек қайталаңыз.", "Файл ещё не проверен на вирусы; повторите позже.", "The file has not been checked for malware yet; try again later."));

    /// <summary>Where a move goes given the file's safety: a malicious file rejects; "accepted" needs a clean file, else review.</summary>
    public static DocumentStatus Gate(DocumentStatus to, FileSafety safety) => (to, safety) switch
    {
        (_, FileSafety.Malicious) => DocumentStatus.Rejected,
        (DocumentStatus.Accepted, FileSafety.Unscanned) => DocumentStatus.AwaitingReview,
        _ => to,
    };

    /// <summary>Why a reviewer may not approve a document whose file is not known clean; null when it may.</summary>
    public static Reason? RefusesApproval(FileSafety safety) => safety switch
    {
        FileSafety.Clean => null,
        FileSafety.Malicious => Malicious,
        FileSafety.Unscanned => NotScanned,
    };
}
