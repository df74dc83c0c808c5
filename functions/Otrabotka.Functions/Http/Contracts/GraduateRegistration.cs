using Otrabotka.Domain;

namespace Otrabotka.Functions.Http.Contracts;

/// <summary>POST /api/graduates (and one row of the CSV import): a graduate as the university reports them. Money in tenge.</summary>
public sealed record GraduateRegistration(
    string Iin, string FullName, string Email, Category Category, Level Level, SpecialtyGroup SpecialtyGroup, DateOnly GraduationDate,
    int AdmissionYear, decimal BudgetCost, string University, Language? Language = null, int? GrantMonths = null, int? NormativeMonths = null);
