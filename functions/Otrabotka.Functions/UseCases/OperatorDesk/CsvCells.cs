using System.Text;

namespace Otrabotka.Functions.UseCases.OperatorDesk;

/// <summary>
/// CSV cells that a spreadsheet opens as data, never as a formula (CSV injection): a cell beginning
/// with = + - @, a tab or a carriage return gets a leading apostrophe; a cell holding the separator, a
/// quote or a line break is quoted with its quotes doubled (RFC 4180).
/// </summary>
public static class CsvCells
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];
    private static readonly char[] NeedQuotes = [',', '"', '\n', '\r'];

    public static string Cell(string? value)
    {
        var text = value ?? "";
        if (text.Length > 0 && FormulaStarts.Contains(text[0]))
        {
            text = "'" + text;
        }

        return text.IndexOfAny(NeedQuotes) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    public static string Line(IEnumerable<string?> cells) => new StringBuilder().AppendJoin(',', cells.Select(Cell)).Append("\r\n").ToString();
}
