using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;

namespace Otrabotka.Functions.Pages;

/// <summary>One file of the page bundle: its bytes, content type and a strong ETag.</summary>
public sealed record PageAsset(string Name, byte[] Content, string ContentType, string ETag);

/// <summary>
/// The pages' files, built by web/build.mjs at build time and embedded in this assembly as
/// <c>pages/NAME</c>. Only these names are ever served: nothing is read from disk at run time.
/// </summary>
public static class PageAssets
{
    private const string Prefix = "pages/";

    private static readonly FrozenDictionary<string, PageAsset> Files = Load();

    public static IEnumerable<string> Names => Files.Keys;

    public static PageAsset? Find(string? name) => name is not null && Files.TryGetValue(name, out var asset) ? asset : null;

    public static PageAsset Page(string name) => Find(name) ?? throw new InvalidOperationException($"The page bundle lacks {name}: build with web/build.mjs (dotnet build runs it).");

    private static FrozenDictionary<string, PageAsset> Load()
    {
        var assembly = typeof(PageAssets).Assembly;
        var files = new Dictionary<string, PageAsset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var bytes = buffer.ToArray();
            var name = resource[Prefix.Length..];
            files[name] = new PageAsset(name, bytes, TypeOf(name), "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..20] + "\"");
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string TypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".json" => "application/json; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".pdf" => "application/pdf",
        _ => "application/octet-stream",
    };
}
