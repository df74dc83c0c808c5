using Azure;

namespace Otrabotka.Functions.Notifications;

/// <summary>
/// One graduate's employer e-mails counted on one Almaty day: how many, to which addresses (hashes) and for which
/// requests (hashes, so a retried request is not counted twice). Stored as one row in the graduate's partition
/// (<see cref="Storage.EmployerMailRow"/>), so an upload reads it with the graduate's live rows and writes it in its
/// own transaction (issue 12, ADR 0024).
/// </summary>
public sealed record EmployerMailCount(DateOnly Day, int Count, IReadOnlyList<string> Addresses, IReadOnlyList<string> Requests, ETag? ETag = null)
{
    public static EmployerMailCount None(DateOnly day) => new(day, 0, [], []);
}
