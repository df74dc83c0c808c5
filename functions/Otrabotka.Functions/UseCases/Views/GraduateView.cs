using Otrabotka.Domain;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

public sealed record GraduateView(
    string GraduateId, string Iin, string FullName, string Email, Language Language, Category Category, string CategoryName,
    Level Level, SpecialtyGroup SpecialtyGroup, DateOnly GraduationDate, int AdmissionYear, decimal BudgetCost, string University,
    int? GrantMonths, int? NormativeMonths, DateOnly ObligationStart, ObligationStatus? Status, Region? Region)
{
    public static GraduateView Of(GraduateRecord graduate, Language language) => new(
        graduate.Id, graduate.Iin, graduate.FullName, graduate.Email, graduate.Language, graduate.Obligation.Category, Names.Of(graduate.Obligation.Category).In(language), graduate.Obligation.Level,
        graduate.Obligation.Group, graduate.Obligation.GraduationDate, graduate.Obligation.AdmissionYear, graduate.Obligation.BudgetCost, graduate.University,
        graduate.Obligation.GrantMonths, graduate.Obligation.NormativeMonths, graduate.Obligation.Start, graduate.Status, graduate.Region);
}
