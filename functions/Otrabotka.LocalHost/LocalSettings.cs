using System.Text.Json;

namespace Otrabotka.LocalHost;

/// <summary>
/// Reads settings the way Core Tools does: local.settings.json's <c>Values</c> become configuration
/// (a <c>__</c> in a key is a section separator), and environment variables override them.
/// </summary>
internal static class LocalSettings
{
    public const string FileName = "local.settings.json";

    /// <summary>The file in the working directory, else the nearest one above the app's own folder.</summary>
    public static string? Find()
    {
        var here = Path.Combine(Directory.GetCurrentDirectory(), FileName);
        if (File.Exists(here))
        {
            return here;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, FileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    public static Dictionary<string, string?> ReadValues(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (document.RootElement.TryGetProperty("Values", out var section))
        {
            foreach (var property in section.EnumerateObject())
            {
                values[property.Name.Replace("__", ":", StringComparison.Ordinal)] =
                    property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText();
            }
        }

        return values;
    }
}
