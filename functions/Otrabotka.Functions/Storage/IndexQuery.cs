using Otrabotka.Domain;
using Otrabotka.Functions.UseCases.OperatorDesk;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// What to read from the operators' index: the rows of one name word's prefix (a key range in one
/// partition), else the rows of one status, category or region; with no criterion at all, every
/// category partition in turn. The other criteria filter within the same read.
/// </summary>
public sealed record IndexQuery(string? Word, Category? Category, Region? Region, ObligationStatus? Status)
{
    public IReadOnlyList<string> Filters()
    {
        var extra = Extra();
        if (Word is { } word)
        {
            return [$"PartitionKey eq {Lit(OperatorIndexRows.NamePartition(word))} and RowKey ge {Lit(word)} and RowKey lt {Lit(NameTokens.After(word))}{extra}"];
        }

        if (Status is { } status)
        {
            return [$"PartitionKey eq {Lit(OperatorIndexRows.StatusPrefix + Wire.Name(status))}{extra}"];
        }

        if (Category is { } category)
        {
            return [$"PartitionKey eq {Lit(OperatorIndexRows.CategoryPrefix + Wire.Name(category))}{extra}"];
        }

        if (Region is { } region)
        {
            return [$"PartitionKey eq {Lit(OperatorIndexRows.RegionPrefix + Wire.Name(region))}{extra}"];
        }

        return Enum.GetValues<Category>().Select(c => $"PartitionKey eq {Lit(OperatorIndexRows.CategoryPrefix + Wire.Name(c))}").ToList();
    }

    /// <summary>Every criterion given, as property filters (the one the partition already implies is harmless).</summary>
    private string Extra()
    {
        var parts = new List<string>();
        Add(parts, "Status", Status);
        Add(parts, "Category", Category);
        Add(parts, "Region", Region);
        return string.Concat(parts.Select(p => " and " + p));
    }

    private static void Add<T>(List<string> parts, string property, T? value) where T : struct, Enum
    {
        if (value is { } v)
        {
            parts.Add($"{property} eq {Lit(Wire.Name(v))}");
        }
    }

    private static string Lit(string value) => OperatorIndexReader.Literal(value);
}
