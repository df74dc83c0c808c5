using System.Globalization;
using Azure.Data.Tables;
using Otrabotka.Domain;

namespace Otrabotka.Functions.Storage;

/// <summary>A graduate as one row of the operators' index shows them (the IIN and default only on a defaulted status row).</summary>
public sealed record IndexedGraduate(
    string GraduateId, string FullName, IReadOnlyList<string> Words, Category Category, ObligationStatus? Status, Region? Region,
    DateOnly GraduationDate, string University, string? Iin = null, DateOnly? DefaultAsOf = null, decimal? DefaultAmount = null)
{
    public static IndexedGraduate Of(TableEntity row) => new(
        row.GetString("GraduateId") ?? "",
        row.GetString("FullName") ?? "",
        (row.GetString("Words") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries),
        Wire.TryParse<Category>(row.GetString("Category"), out var category) ? category : default,
        Wire.TryParse<ObligationStatus>(row.GetString("Status"), out var status) ? status : null,
        Wire.TryParse<Region>(row.GetString("Region"), out var region) ? region : null,
        DateOnly.TryParseExact(row.GetString("GraduationDate"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var graduated) ? graduated : default,
        row.GetString("University") ?? "",
        row.GetString("Iin"),
        DateOnly.TryParseExact(row.GetString("DefaultAsOf"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var asOf) ? asOf : null,
        decimal.TryParse(row.GetString("DefaultAmount"), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) ? amount : null);
}
