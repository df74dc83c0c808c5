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
