namespace Otrabotka.Domain;

/// <summary>
/// Months of paid contributions the rules could not credit, for an operator: one item per (graduate, BIN),
/// carrying every such month so far — a later month updates the item under the same <see cref="Key"/>.
/// </summary>
public sealed record FeedReview(Iin Iin, Bin EmployerBin, IReadOnlyList<Reason> Reasons, IReadOnlyList<FeedMonth> Months)
{
    public string Key => $"{Iin.Value}|{EmployerBin.Value}";
}
