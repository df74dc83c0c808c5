using System.Text;

namespace Otrabotka.Functions.Notifications;

/// <summary>
/// Makes text a person typed inert in an official e-mail: mail clients turn anything that looks like an
/// address (http://…, www.…, name.kz, a@b) into a link, in the HTML and the plain-text part alike. A
/// zero-width space after each '.', ':', '/' and '@' breaks that pattern without changing what a reader
/// sees; the HTML part is encoded as well (Templates).
/// </summary>
public static class UserText
{
    public const char Breaker = '\u200B';

    public static string? Inert(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var result = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '\r' or '\n' or '\u2028' or '\u2029')
            {
                // A typed line break could start a line of its own (and look like the Center's link).
                result.Append(' ');
                continue;
            }

            result.Append(c);
            if (c is '.' or ':' or '/' or '@' or '\\')
            {
                result.Append(Breaker);
            }
        }

        return result.ToString();
    }
}
