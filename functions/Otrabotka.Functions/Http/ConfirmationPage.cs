namespace Otrabotka.Functions.Http;

/// <summary>
/// The employer's page (web/pages/confirm.html with web/src/confirm.js): it reads the token from the
/// fragment (never sent to the server in the URL), shows what is to be confirmed in Kazakh, Russian or
/// English, and posts the decision. Served with the pages' headers: no inline script or style.
/// </summary>
public static class ConfirmationPage
{
    public const string File = "confirm.html";
}
