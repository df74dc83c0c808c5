namespace Otrabotka.Functions.Storage;

/// <summary>The kinds of live row in a graduate's partition (RowKey prefix "live|").</summary>
public enum LiveRow
{
    Profile,
    Document,
    Fingerprint,
    Plan,
    Unknown,
}
