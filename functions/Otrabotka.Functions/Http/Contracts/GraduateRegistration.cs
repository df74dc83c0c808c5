using Otrabotka.Domain;

namespace Otrabotka.Functions.Http.Contracts;

/// <summary>
/// POST /api/graduates (and one row of the CSV import): a graduate as the university reports them. Money in tenge.
/// FeedConsent (optional): consented, refused, unknown, or the SMS reply 511 / 512; not part of the registration's
/// identity, so the same graduate sent again with another consent updates it.
/// </summary>
public sealed record GraduateRegistration(
    string Iin, string FullName, string Email, Category Category, Level Level, SpecialtyGroup SpecialtyGroup, DateOnly GraduationDate,
    int AdmissionYear, decimal BudgetCost, string University, Language? Language = null, int? GrantMonths = null, int? NormativeMonths = null,
    string? FeedConsent = null);
