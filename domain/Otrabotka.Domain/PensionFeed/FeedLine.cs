namespace Otrabotka.Domain;

/// <summary>One data line of a feed file: its row, or the reasons it is bad (every one found). Line 1 is the header.</summary>
public sealed record FeedLine(int Line, FeedRow? Row, IReadOnlyList<Reason> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
