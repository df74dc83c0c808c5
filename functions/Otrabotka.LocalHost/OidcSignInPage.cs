using System.Net;
using System.Text;

namespace Otrabotka.LocalHost;

/// <summary>The stand-in's sign-in page: pick a registered graduate (or type an IIN), or sign in as an operator.</summary>
internal static class OidcSignInPage
{
    private const string Head = "<!doctype html><html lang=\"kk\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        + "<title>Otrabotka — development sign-in</title><style>body{font-family:sans-serif;margin:2rem auto;max-width:36rem;padding:0 1rem}"
        + "fieldset{margin:1rem 0;border:1px solid #ccc;border-radius:6px}label{display:block;margin:.5rem 0}.warn{color:#8a4b00}</style></head><body>";

    public static string Render(string requestId, IReadOnlyList<(string Iin, string Name)> graduates, string? message)
    {
        var html = new StringBuilder(Head)
            .Append("<h1>Кіру / Вход / Sign in</h1><p class=\"warn\">Development identity provider of the local host — not eGov, not Entra.</p>");
        if (message is not null)
        {
            html.Append("<p role=\"alert\">").Append(WebUtility.HtmlEncode(message)).Append("</p>");
        }

        html.Append("<form method=\"post\" action=\"authorize\"><input type=\"hidden\" name=\"request\" value=\"").Append(WebUtility.HtmlEncode(requestId)).Append("\">")
            .Append("<fieldset><legend><label><input type=\"radio\" name=\"role\" value=\"graduate\" checked> Түлек / Выпускник / Graduate</label></legend>")
            .Append("<label>ЖСН / ИИН / IIN <input name=\"iin\" id=\"iin\" list=\"graduates\" inputmode=\"numeric\" autocomplete=\"off\" maxlength=\"12\"></label><datalist id=\"graduates\">");
        foreach (var (iin, name) in graduates)
        {
            html.Append("<option value=\"").Append(WebUtility.HtmlEncode(iin)).Append("\">").Append(WebUtility.HtmlEncode(name)).Append("</option>");
        }

        html.Append("</datalist>");
        if (graduates.Count > 0)
        {
            html.Append("<label>Тіркелген / Зарегистрированные / Registered <select name=\"pick\" onchange=\"document.getElementById('iin').value=this.value\"><option value=\"\">—</option>");
            foreach (var (iin, name) in graduates)
            {
                html.Append("<option value=\"").Append(WebUtility.HtmlEncode(iin)).Append("\">").Append(WebUtility.HtmlEncode(iin + " — " + name)).Append("</option>");
            }

            html.Append("</select></label>");
        }

        return html.Append("</fieldset><fieldset><legend><label><input type=\"radio\" name=\"role\" value=\"operator\"> Оператор / Operator</label></legend>")
            .Append("<label>Аты / Имя / Name <input name=\"operator\" value=\"operator-1\" maxlength=\"64\"></label></fieldset>")
            .Append("<fieldset><legend><label><input type=\"radio\" name=\"role\" value=\"supervisor\"> Супервайзер / Супервайзер / Supervisor</label></legend>")
            .Append("<label>Аты / Имя / Name <input name=\"supervisor\" value=\"supervisor-1\" maxlength=\"64\"></label></fieldset>")
            .Append("<button type=\"submit\" name=\"action\" value=\"sign-in\">Кіру / Войти / Sign in</button> ")
            .Append("<button type=\"submit\" name=\"action\" value=\"cancel\">Бас тарту / Отмена / Cancel</button></form></body></html>")
            .ToString();
    }

    public static string Error(string message) =>
        Head + "<h1>Otrabotka — development sign-in</h1><p role=\"alert\">" + WebUtility.HtmlEncode(message) + "</p></body></html>";
}
