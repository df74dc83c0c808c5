using Otrabotka.Domain;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

public sealed record SearchHit(string GraduateId, string FullName, Category Category, ObligationStatus? Status, Region? Region, DateOnly GraduationDate, string University)
{
    internal static SearchHit Of(GraduateRecord g) => new(g.Id, g.FullName, g.Obligation.Category, g.Status, g.Region, g.Obligation.GraduationDate, g.University);
}
