using System.Globalization;
using System.Text;
using System.Text.Json;
using Otrabotka.Domain;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// A registry entry as JSON sends it (an import item or a PUT body): every value as text, so that a wrong value is
/// the row's named problem (the registry's CSV rules), never a failed deserialization.
/// </summary>
public sealed record RegistryJsonItem(
    string? Bin,
    string? Name,
    IReadOnlyList<string>? OrganisationKinds,
    string? Ownership,
    string? Region,
    string? SettlementType,
    string? KatoCode,
    IReadOnlyList<string>? EmailDomains,
    string? Source,
    string? AsOf)
{
    /// <summary>The values in the registry CSV's column order.</summary>
    public string[] Values() =>
    [
        Bin ?? "", Name ?? "", string.Join(';', OrganisationKinds ?? []), Ownership ?? "", Region ?? "", SettlementType ?? "",
        KatoCode ?? "", string.Join(';', EmailDomains ?? []), Source ?? "", AsOf ?? "",
    ];

    public RegistryLine Check(int line) => EmployerRegistryCsv.Entry(line, [.. Values().Select(v => v.Trim())]);

    /// <summary>From a request's fields (lists as JSON arrays of strings, or one string); a bad list is a field error.</summary>
    public static RegistryJsonItem From(Fields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return new RegistryJsonItem(
            fields.Optional("bin", 20), fields.Optional("name", 500), List(fields, "organisationKinds"), fields.Optional("ownership", 40), fields.Optional("region", 40),
            fields.Optional("settlementType", 40), fields.Optional("katoCode", 20), List(fields, "emailDomains"), fields.Optional("source", 200), fields.Optional("asOf", 20));
    }

    private static IReadOnlyList<string>? List(Fields fields, string name)
    {
        if (fields.Structured(name) is not { } raw)
        {
            return null;
        }

        if (!raw.TrimStart().StartsWith('['))
        {
            return [raw];
        }

        try
        {
            return JsonSerializer.Deserialize<List<string>>(raw) ?? [];
        }
        catch (JsonException)
        {
            fields.Add(name, "invalid-list", Texts.TextCatalog.Default.Text("feed.list-invalid", ("field", name)));
            return null;
        }
    }
}

/// <summary>A JSON registry file (an array of entries) streamed into the registry's CSV, so both go through one import path.</summary>
public static class RegistryJson
{
    /// <summary>Writes the CSV; false when the body is not a JSON array of objects (the file is refused whole).</summary>
    public static async Task<bool> ToCsvAsync(Stream json, Stream csv, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(csv, new UTF8Encoding(false), leaveOpen: true);
        await writer.WriteAsync(string.Join(',', EmployerRegistryCsv.Columns) + "\n");
        try
        {
            await foreach (var item in JsonSerializer.DeserializeAsyncEnumerable<RegistryJsonItem>(json, Json.Options, cancellationToken))
            {
                var values = item?.Values() ?? new string[EmployerRegistryCsv.Columns.Count].Select(_ => "").ToArray();
                await writer.WriteAsync(string.Join(',', values.Select(Quote)) + "\n");
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Not JSON, not an array of objects, or text that is not valid Unicode (a lone surrogate).
            return false;
        }

        return true;
    }

    /// <summary>Every field quoted, quotes doubled, line breaks flattened: a value can never open another row.</summary>
    private static string Quote(string value) =>
        string.Create(CultureInfo.InvariantCulture, $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal).ReplaceLineEndings(" ")}\"");
}
