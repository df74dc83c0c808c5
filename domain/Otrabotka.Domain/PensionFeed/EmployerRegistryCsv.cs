using System.Globalization;

namespace Otrabotka.Domain;

/// <summary>
/// The employer registry as CSV (docs/pension-feed.md): <c>bin, name, organisationKinds, ownership, region,
/// settlementType, katoCode, emailDomains, source, asOf</c>; lists (kinds, domains) are separated by <c>;</c>,
/// enumerations use the API's wire values, <c>asOf</c> is YYYY-MM-DD. A wrong BIN check digit, an unknown
/// value or a KATO code outside the region refuses the row, never the file.
/// </summary>
public static class EmployerRegistryCsv
{
    public static readonly IReadOnlyList<string> Columns =
        ["bin", "name", "organisationKinds", "ownership", "region", "settlementType", "katoCode", "emailDomains", "source", "asOf"];

    public static FileShape<RegistryLine> Open(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (reader.ReadLine() is not { } header || string.IsNullOrWhiteSpace(header))
        {
            return FileShape<RegistryLine>.Refused(DomainReasons.ImportFileEmpty);
        }

        var positions = CsvText.Columns(header, Columns, out var missing);
        return missing.Count > 0
            ? FileShape<RegistryLine>.Refused(DomainReasons.ImportFileColumns, missing)
            : new FileShape<RegistryLine>(null, [], Read(reader, positions));
    }

    private static IEnumerable<RegistryLine> Read(TextReader reader, int[] positions)
    {
        var fields = new List<string>();
        var width = positions.Max() + 1;
        foreach (var (line, text) in CsvText.Rest(reader))
        {
            if (CsvText.NotUtf8(text))
            {
                yield return new RegistryLine(line, null, [DomainReasons.ImportRowEncoding]);
            }
            else if (!CsvText.TrySplit(text, fields))
            {
                yield return new RegistryLine(line, null, [DomainReasons.ImportRowQuote]);
            }
            else if (fields.Count < width)
            {
                yield return new RegistryLine(line, null, [DomainReasons.ImportRowColumns]);
            }
            else
            {
                yield return Entry(line, [.. positions.Select(p => fields[p])]);
            }
        }
    }

    /// <summary>One entry's values in the documented column order; every problem is named.</summary>
    public static RegistryLine Entry(int line, string[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var errors = new List<Reason>();
        var bin = Bin.Parse(values[0]);
        errors.AddRange(bin.Reasons);
        Require(values[1].Length > 0, DomainReasons.RegistryNameMissing, errors);
        var kinds = List(values[2]).Select(k => Wire.TryParse<OrganisationKind>(k, out var kind) ? kind : (OrganisationKind?)null).ToList();
        Require(kinds.Count > 0 && kinds.All(k => k is not null), DomainReasons.RegistryValueUnknown, errors);
        var ownershipKnown = Wire.TryParse<Ownership>(values[3], out var ownership);
        var regionKnown = Wire.TryParse<Region>(values[4], out var region);
        var settlementKnown = Wire.TryParse<SettlementType>(values[5], out var settlement);
        Require(ownershipKnown && regionKnown && settlementKnown, DomainReasons.RegistryValueUnknown, errors);
        var kato = values[6].Length == 0 ? null : values[6];
        var domains = List(values[7]).Select(d => d.ToLowerInvariant()).ToList();
        Require(domains.All(IsDomain), DomainReasons.RegistryEmailDomainFormat, errors);
        Require(values[8].Length > 0, DomainReasons.RegistrySourceMissing, errors);
        var dated = DateOnly.TryParseExact(values[9], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var asOf);
        Require(dated, DomainReasons.RegistryDateFormat, errors);
        if (errors.Count == 0)
        {
            var entry = new EmployerRegistryEntry(bin.Value, values[1], [.. kinds.Select(k => k!.Value).Distinct()], ownership, region, settlement, kato, domains, values[8], asOf);
            if (entry.Workplace.CheckKato() is { } katoReason)
            {
                errors.Add(katoReason);
            }
            else
            {
                return new RegistryLine(line, entry, []);
            }
        }

        return new RegistryLine(line, null, errors.Distinct().ToList());
    }

    private static void Require(bool condition, Reason reason, List<Reason> errors)
    {
        if (!condition)
        {
            errors.Add(reason);
        }
    }

    private static List<string> List(string value) =>
        [.. value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>A host name: labels of letters, digits and hyphens, at least one dot, no @.</summary>
    private static bool IsDomain(string domain) =>
        domain.Contains('.', StringComparison.Ordinal) && domain.Split('.').All(label => label.Length > 0 && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'));
}
