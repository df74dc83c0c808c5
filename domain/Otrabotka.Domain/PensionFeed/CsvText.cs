using System.Text;

namespace Otrabotka.Domain;

/// <summary>
/// The CSV both import files use: comma-separated, one record a line, a field may be in double quotes
/// (a quote inside doubled) so it can hold a comma. A quote left open makes the line bad, not the file.
/// </summary>
internal static class CsvText
{
    /// <summary>
    /// A line decoded from bytes that were not UTF-8 (a file saved as Windows-1251, say): each such byte became
    /// U+FFFD, and the text it held cannot be recovered, so the row is refused rather than stored garbled.
    /// </summary>
    public static bool NotUtf8(string line) => line.Contains('\uFFFD', StringComparison.Ordinal);

    public static bool TrySplit(string line, List<string> fields)
    {
        fields.Clear();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString().Trim());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString().Trim());
        return !quoted;
    }

    /// <summary>
    /// Where each expected column is in the header (names matched case-insensitively, any order, a BOM
    /// ignored); the names missing, if any. Extra columns are allowed and ignored.
    /// </summary>
    public static int[] Columns(string header, IReadOnlyList<string> expected, out List<string> missing)
    {
        var names = new List<string>();
        TrySplit(header.TrimStart('\uFEFF'), names);
        var positions = new int[expected.Count];
        missing = [];
        for (var i = 0; i < expected.Count; i++)
        {
            positions[i] = names.FindIndex(n => string.Equals(n, expected[i], StringComparison.OrdinalIgnoreCase));
            if (positions[i] < 0)
            {
                missing.Add(expected[i]);
            }
        }

        return positions;
    }

    /// <summary>The lines after the header, numbered from 2; blank lines are skipped (they are no row).</summary>
    public static IEnumerable<(int Line, string Text)> Rest(TextReader reader)
    {
        var number = 1;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return (number, line);
            }
        }
    }
}
