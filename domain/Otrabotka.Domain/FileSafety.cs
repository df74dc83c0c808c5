namespace Otrabotka.Domain;

/// <summary>What is known of a stored file's safety (a malware scanner's verdict, as the rules need it).</summary>
public enum FileSafety
{
    /// <summary>Scanned, no threat found: the only state in which a document may be accepted without a person.</summary>
    Clean,

    /// <summary>Scanned, a threat found: the document is rejected and its file quarantined.</summary>
    Malicious,

    /// <summary>Not scanned (yet), or no scanner answers.</summary>
    Unscanned,
}
