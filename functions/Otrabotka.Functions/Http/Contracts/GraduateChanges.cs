using Otrabotka.Domain;

namespace Otrabotka.Functions.Http.Contracts;

/// <summary>The fields of a registration an operator may correct (any subset; null clears grantMonths or normativeMonths). Never the IIN.</summary>
public sealed record GraduateChanges(
    string? FullName = null, string? Email = null, Language? Language = null, Category? Category = null, Level? Level = null, SpecialtyGroup? SpecialtyGroup = null,
    DateOnly? GraduationDate = null, int? AdmissionYear = null, decimal? BudgetCost = null, string? University = null, int? GrantMonths = null, int? NormativeMonths = null);
