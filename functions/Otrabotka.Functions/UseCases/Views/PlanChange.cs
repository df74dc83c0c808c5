using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>What a replan changes in the due index: the graduate's row to write (null: nothing pending) and the date of the row it replaces elsewhere.</summary>
public sealed record PlanChange(string GraduateId, DateOnly? Gone, DueRow? Write)
{
    public static PlanChange None(string graduateId) => new(graduateId, null, null);
}
