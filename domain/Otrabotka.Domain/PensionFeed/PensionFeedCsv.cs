namespace Otrabotka.Domain;

/// <summary>
/// The documented CSV of the pension feed (docs/pension-feed.md): a header naming the seven columns
/// <c>iin, employerBin, employerName, employerAddress, katoCode, month, contributionPaid</c>, then one row
/// per graduate, employer and month. The whole file is refused only when it is empty or its header lacks a
/// column; every other problem is the row's, reported with its line, and the rest go on.
/// </summary>
public sealed class PensionFeedCsv : IPensionFeedFormat
{
    public static readonly IReadOnlyList<string> Columns = ["iin", "employerBin", "employerName", "employerAddress", "katoCode", "month", "contributionPaid"];

    public string Name => "csv-v1";

    public FileShape<FeedLine> Open(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (reader.ReadLine() is not { } header || string.IsNullOrWhiteSpace(header))
        {
            return FileShape<FeedLine>.Refused(DomainReasons.ImportFileEmpty);
        }

        var positions = CsvText.Columns(header, Columns, out var missing);
        return missing.Count > 0
            ? FileShape<FeedLine>.Refused(DomainReasons.ImportFileColumns, missing)
            : new FileShape<FeedLine>(null, [], Read(reader, positions));
    }

    private static IEnumerable<FeedLine> Read(TextReader reader, int[] positions)
    {
        var fields = new List<string>();
        var width = positions.Max() + 1;
        foreach (var (line, text) in CsvText.Rest(reader))
        {
            if (CsvText.NotUtf8(text))
            {
                yield return new FeedLine(line, null, [DomainReasons.ImportRowEncoding]);
            }
            else if (!CsvText.TrySplit(text, fields))
            {
                yield return new FeedLine(line, null, [DomainReasons.ImportRowQuote]);
            }
            else if (fields.Count < width)
            {
                yield return new FeedLine(line, null, [DomainReasons.ImportRowColumns]);
            }
            else
            {
                yield return Row(line, [.. positions.Select(p => fields[p])]);
            }
        }
    }

    /// <summary>One row's values in the documented column order: every problem is named, none stops the check.</summary>
    internal static FeedLine Row(int line, string[] values)
    {
        var errors = new List<Reason>();
        var iin = Iin.Parse(values[0]);
        errors.AddRange(iin.Reasons);
        var bin = Bin.Parse(values[1]);
        errors.AddRange(bin.Reasons);
        if (values[2].Length == 0)
        {
            errors.Add(DomainReasons.FeedEmployerNameMissing);
        }

        var kato = values[4].Length == 0 ? null : values[4];
        if (kato is not null && (kato.Length != 9 || !kato.All(char.IsAsciiDigit)))
        {
            errors.Add(DomainReasons.KatoFormat);
        }

        if (!FeedMonth.TryParse(values[5], out var month))
        {
            errors.Add(DomainReasons.FeedMonthFormat);
        }

        var paid = values[6].ToUpperInvariant() switch
        {
            "TRUE" => true,
            "FALSE" => (bool?)false,
            _ => null,
        };
        if (paid is null)
        {
            errors.Add(DomainReasons.FeedContributionFormat);
        }

        return errors.Count > 0
            ? new FeedLine(line, null, errors)
            : new FeedLine(line, new FeedRow(iin.Value, bin.Value, values[2], values[3], kato, month, paid!.Value), []);
    }
}
