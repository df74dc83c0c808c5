using Otrabotka.Domain;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.UseCases;

/// <summary>A CSV's header: its columns and separator (comma or semicolon, whichever the header uses more).</summary>
public sealed record ImportHeader(IReadOnlyList<string> Columns, char Separator)
{
    public static ImportHeader? Parse(string? line)
    {
        var text = line?.TrimStart('\uFEFF').TrimEnd('\r');
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var separator = text.Count(c => c == ';') > text.Count(c => c == ',') ? ';' : ',';
        return new ImportHeader(Csv.Split(text, separator).Select(c => c.Trim()).ToArray(), separator);
    }

    public string Text => string.Join(Separator, Columns);
}

/// <summary>One problem on one line, before it is rendered in the importer's language.</summary>
public sealed record ImportProblem(int Line, string Code, Text Detail);

/// <summary>The rows of a stretch of the file that parsed, and the lines that did not.</summary>
public sealed record ParsedRows(int Read, IReadOnlyList<(int Line, GraduateRecord Record)> Rows, IReadOnlyList<ImportProblem> Problems);

/// <summary>Turns the lines of a CSV stretch into graduate records (the same rules as a single registration).</summary>
public static class ImportRows
{
    public static Text EmptyFile => TextCatalog.Default.Text("problems.csv-empty");

    public static ParsedRows Parse(ImportHeader header, IEnumerable<string> lines, int firstLine, DateTimeOffset now)
    {
        var rows = new List<(int, GraduateRecord)>();
        var problems = new List<ImportProblem>();
        var line = firstLine - 1;
        var read = 0;
        foreach (var raw in lines)
        {
            line++;
            var text = raw.TrimEnd('\r');
            if (text.Length == 0)
            {
                continue;
            }

            read++;
            var cells = Csv.Split(text, header.Separator);
            if (cells.Count != header.Columns.Count)
            {
                var count = header.Columns.Count;
                problems.Add(new(line, "column-count", TextCatalog.Default.Text("problems.csv-column-count", ("expected", count.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("found", cells.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)))));
                continue;
            }

            var fields = new Fields(header.Columns.Zip(cells).ToDictionary(p => p.First, p => (string?)p.Second, StringComparer.Ordinal));
            var (record, errors) = Graduates.Parse(fields, now);
            if (record is null)
            {
                problems.AddRange(errors.Select(e => new ImportProblem(line, e.Code, new($"{e.Field}: {e.Detail.Kk}", $"{e.Field}: {e.Detail.Ru}", $"{e.Field}: {e.Detail.En}"))));
                continue;
            }

            rows.Add((line, record));
        }

        return new ParsedRows(read, rows, problems);
    }

    /// <summary>Splits text into lines on '\n' (a trailing '\r' is dropped by <see cref="Parse"/>).</summary>
    public static IEnumerable<string> Lines(string text)
    {
        var lines = text.Split('\n');
        return text.EndsWith('\n') ? lines[..^1] : lines;
    }
}
