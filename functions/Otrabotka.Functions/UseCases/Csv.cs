using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Otrabotka.Domain;
using Otrabotka.Functions.Notifications;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.UseCases;

/// <summary>A small RFC 4180 field splitter: quotes, doubled quotes, the given separator.</summary>
public static class Csv
{
    public static List<string> Split(string line, char separator)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == separator)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }
}
