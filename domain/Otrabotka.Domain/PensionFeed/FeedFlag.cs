namespace Otrabotka.Domain;

/// <summary>
/// A cross-check's finding for an operator: what (<see cref="Reason"/>), at which employer, in which months,
/// about which document if one. <see cref="Key"/> de-duplicates it across imports.
/// </summary>
public sealed record FeedFlag(Reason Reason, Bin EmployerBin, IReadOnlyList<FeedMonth> Months, string? DocumentId = null)
{
    public string Key => $"{Reason.Code}|{EmployerBin.Value}|{DocumentId}";
}
