namespace Otrabotka.Domain;

/// <summary>
/// One row of a pension-contribution feed: a graduate, an employer and the month a contribution is for,
/// whether it was paid, as the Ministry of Labour reports it. <see cref="KatoCode"/> is null when not given.
/// </summary>
public sealed record FeedRow(
    Iin Iin,
    Bin EmployerBin,
    string EmployerName,
    string EmployerAddress,
    string? KatoCode,
    FeedMonth Month,
    bool ContributionPaid);
