namespace Otrabotka.Domain;

/// <summary>An accepted employment document as the feed rules see it: its employer and the dates it gives.</summary>
public sealed record DocumentedEmployment(string DocumentId, Bin EmployerBin, DateOnly Start, DateOnly? End)
{
    public bool Covers(FeedMonth month) => Start <= month.Last && (End is not { } end || end >= month.First);
}
