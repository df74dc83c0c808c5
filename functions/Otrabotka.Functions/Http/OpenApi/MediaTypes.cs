namespace Otrabotka.Functions.Http.OpenApi;

public static class MediaTypes
{
    public const string Json = "application/json";
    public const string Problem = "application/problem+json";
    public const string Multipart = "multipart/form-data";
    public const string Csv = "text/csv";
    public const string Html = "text/html";
}
