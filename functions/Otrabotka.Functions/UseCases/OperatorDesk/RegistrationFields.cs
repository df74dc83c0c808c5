using System.Globalization;
using Otrabotka.Domain;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases.OperatorDesk;

/// <summary>A graduate's registration as the wire writes its fields (the names and forms of POST /api/graduates), and which of them an operator may correct.</summary>
public static class RegistrationFields
{
    public const string Iin = "iin";

    /// <summary>Every field a correction may change; the IIN never.</summary>
    public static readonly IReadOnlyList<string> Correctable =
    [
        "fullName", "email", "language", "category", "level", "specialtyGroup", "graduationDate", "admissionYear", "budgetCost", "university", "grantMonths", "normativeMonths",
    ];

    public static Dictionary<string, string?> Of(GraduateRecord g)
    {
        var o = g.Obligation;
        return new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [Iin] = g.Iin,
            ["fullName"] = g.FullName,
            ["email"] = g.Email,
            ["language"] = Wire.Name(g.Language),
            ["category"] = Wire.Name(o.Category),
            ["level"] = Wire.Name(o.Level),
            ["specialtyGroup"] = Wire.Name(o.Group),
            ["graduationDate"] = GraduateStore.Iso(o.GraduationDate),
            ["admissionYear"] = o.AdmissionYear.ToString(CultureInfo.InvariantCulture),
            ["budgetCost"] = o.BudgetCost.ToString(CultureInfo.InvariantCulture),
            ["university"] = g.University,
            ["grantMonths"] = o.GrantMonths?.ToString(CultureInfo.InvariantCulture),
            ["normativeMonths"] = o.NormativeMonths?.ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>The fields whose values differ, old and new, in the order of <see cref="Correctable"/>.</summary>
    public static IReadOnlyList<FieldChange> Diff(GraduateRecord before, GraduateRecord after)
    {
        var (old, now) = (Of(before), Of(after));
        return Correctable.Where(f => !string.Equals(old[f], now[f], StringComparison.Ordinal)).Select(f => new FieldChange(f, old[f], now[f])).ToList();
    }
}
