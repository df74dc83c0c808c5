using Otrabotka.Domain;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

public sealed record GraduateView(
    string GraduateId, string Iin, string FullName, string Email, Language Language, Category Category, string CategoryName,
    Level Level, SpecialtyGroup SpecialtyGroup, DateOnly GraduationDate, int AdmissionYear, decimal BudgetCost, string University,
    int? GrantMonths, int? NormativeMonths, DateOnly ObligationStart, ObligationStatus? Status, Region? Region)
{
    public static GraduateView Of(GraduateRecord g, Language language) => new(
        g.Id, g.Iin, g.FullName, g.Email, g.Language, g.Obligation.Category, Names.Of(g.Obligation.Category).In(language), g.Obligation.Level,
        g.Obligation.Group, g.Obligation.GraduationDate, g.Obligation.AdmissionYear, g.Obligation.BudgetCost, g.University,
        g.Obligation.GrantMonths, g.Obligation.NormativeMonths, g.Obligation.Start, g.Status, g.Region);
}
