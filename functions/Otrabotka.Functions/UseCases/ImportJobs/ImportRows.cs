using Otrabotka.Domain;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.UseCases;

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

            var fields = Fields.FromCsvRow(header.Columns, cells);
            var (record, errors) = GraduateFields.Parse(fields, now);
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
