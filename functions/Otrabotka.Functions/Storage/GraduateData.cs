using Azure.Data.Tables;
using Otrabotka.Domain;

namespace Otrabotka.Functions.Storage;

/// <summary>Table query helpers: opaque-key checks, equality clauses and RowKey prefix ranges.</summary>
public static class GraduateData
{
    /// <summary>Adds "Property eq 'wire-value'" to a table filter when the value is given.</summary>
    public static void AddEquals<T>(List<string> filter, string property, T? value) where T : struct, Enum
    {
        if (value is { } v)
        {
            filter.Add($"{property} eq '{Otrabotka.Domain.Wire.Name(v)}'");
        }
    }

    /// <summary>Ids are opaque: letters and digits only, so they can never smuggle a filter or a path.</summary>
    public static bool SafeKey(string? id) => id is { Length: > 0 and <= 64 } && id.All(char.IsAsciiLetterOrDigit);

    /// <summary>Rows of one partition whose RowKey starts with the prefix: one range query.</summary>
    public static string Range(string partition, string prefix) =>
        $"PartitionKey eq '{partition}' and RowKey ge '{prefix}' and RowKey lt '{prefix[..^1]}{(char)(prefix[^1] + 1)}'";
}
