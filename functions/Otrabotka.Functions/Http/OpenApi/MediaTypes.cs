namespace Otrabotka.Functions.Http.OpenApi;

public static class MediaTypes
{
    public const string Json = "application/json";
    public const string Problem = "application/problem+json";
    public const string Multipart = "multipart/form-data";
    public const string Csv = "text/csv";
    public const string Html = "text/html";

    /// <summary>
    /// The charset a Content-Type declares when it is not UTF-8 (or its subset US-ASCII): the body is read as UTF-8, so
    /// a file saved as Windows-1251, say, is refused whole instead of stored garbled. Null when none or UTF-8.
    /// </summary>
    public static string? OtherCharset(string? contentType)
    {
        if (contentType is null || !System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var parsed) || parsed.CharSet is not { Length: > 0 } charset)
        {
            return null;
        }

        var name = charset.Trim('"', ' ');
        return name.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || name.Equals("utf8", StringComparison.OrdinalIgnoreCase)
            || name.Equals("us-ascii", StringComparison.OrdinalIgnoreCase) ? null : name;
    }
}
