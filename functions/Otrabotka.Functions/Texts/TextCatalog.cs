using System.Collections.Frozen;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Otrabotka.Domain;

namespace Otrabotka.Functions.Texts;

/// <summary>
/// Every user-facing text of the app (e-mails, problems, the employer page…), read from the embedded
/// resource set <c>Texts/&lt;area&gt;.&lt;lang&gt;.json</c>: one flat object per area and language,
/// <c>"area.key": "text with {placeholder}"</c>. A missing key, language or placeholder value throws:
/// a text that cannot be said correctly is never sent half-filled (the tests walk every key).
/// See docs/decisions/ for the format.
/// </summary>
public sealed partial class TextCatalog
{
    private static readonly Lazy<TextCatalog> Embedded = new(() => FromAssembly(typeof(TextCatalog).Assembly));

    private readonly FrozenDictionary<string, Text> texts;

    public TextCatalog(IReadOnlyDictionary<string, Text> texts) => this.texts = texts.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The catalog built from this assembly's embedded resources (immutable, shared).</summary>
    public static TextCatalog Default => Embedded.Value;

    public IReadOnlyCollection<string> Keys => texts.Keys;

    public bool Contains(string key) => texts.ContainsKey(key);

    /// <summary>The text of a key in one language, placeholders untouched.</summary>
    public string Get(string key, Language language) => Text(key).In(language);

    /// <summary>The text of a key in one language with every {placeholder} filled.</summary>
    public string Format(string key, Language language, IReadOnlyDictionary<string, string> values) =>
        Fill(key, Get(key, language), values);

    /// <summary>The kk/ru/en triple of a key, placeholders untouched.</summary>
    public Text Text(string key) =>
        texts.TryGetValue(key, out var text) ? text : throw new KeyNotFoundException($"No text '{key}' in the catalog.");

    /// <summary>The kk/ru/en triple of a key with every {placeholder} filled in each language.</summary>
    public Text Text(string key, IReadOnlyDictionary<string, string> values)
    {
        var text = Text(key);
        return new Text(Fill(key, text.Kk, values), Fill(key, text.Ru, values), Fill(key, text.En, values));
    }

    /// <summary>The kk/ru/en triple of a key with its placeholders filled: <c>Text("problems.field.required", ("field", "'file'"))</c>.</summary>
    public Text Text(string key, params (string Name, string Value)[] values) =>
        Text(key, values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal));

    /// <summary>One language with placeholders filled: <c>Format("mail.hello", Language.Ru, ("name", name))</c>.</summary>
    public string Format(string key, Language language, params (string Name, string Value)[] values) =>
        Format(key, language, values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal));

    /// <summary>The names of the placeholders a text uses.</summary>
    public static IReadOnlyList<string> PlaceholdersOf(string text) =>
        Placeholder().Matches(text).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();

    public static TextCatalog FromAssembly(Assembly assembly)
    {
        var byLanguage = new Dictionary<string, Dictionary<Language, string>>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal)))
        {
            var language = LanguageOf(resource);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            var entries = JsonSerializer.Deserialize<Dictionary<string, string>>(stream)
                ?? throw new InvalidDataException($"Text resource '{resource}' is not a JSON object of strings.");
            foreach (var (key, value) in entries)
            {
                var slots = byLanguage.TryGetValue(key, out var found) ? found : byLanguage[key] = [];
                if (!slots.TryAdd(language, value))
                {
                    throw new InvalidDataException($"Text '{key}' is defined twice in {language}.");
                }
            }
        }

        return new TextCatalog(byLanguage.ToDictionary(
            e => e.Key,
            e => new Text(Slot(e.Key, e.Value, Language.Kk), Slot(e.Key, e.Value, Language.Ru), Slot(e.Key, e.Value, Language.En)),
            StringComparer.Ordinal));
    }

    /// <summary>The resources' name prefix: the logical names set in the project file.</summary>
    public const string ResourcePrefix = "Otrabotka.Texts.";

    private static Language LanguageOf(string resource)
    {
        // Otrabotka.Texts.<area>.<lang>.json
        var parts = resource[..^".json".Length].Split('.');
        return parts[^1] switch
        {
            "kk" => Language.Kk,
            "ru" => Language.Ru,
            "en" => Language.En,
            _ => throw new InvalidDataException($"Text resource '{resource}' does not end in .kk.json, .ru.json or .en.json."),
        };
    }

    private static string Slot(string key, Dictionary<Language, string> slots, Language language) =>
        slots.TryGetValue(language, out var value) ? value : throw new InvalidDataException($"Text '{key}' has no {language} version.");

    private static string Fill(string key, string text, IReadOnlyDictionary<string, string> values)
    {
        var result = new StringBuilder(text.Length + 64);
        var last = 0;
        foreach (Match match in Placeholder().Matches(text))
        {
            var name = match.Groups[1].Value;
            if (!values.TryGetValue(name, out var value))
            {
                throw new KeyNotFoundException($"Text '{key}' needs a value for {{{name}}}.");
            }

            result.Append(text, last, match.Index - last).Append(value);
            last = match.Index + match.Length;
        }

        return result.Append(text, last, text.Length - last).ToString();
    }

    [GeneratedRegex(@"\{([A-Za-z][A-Za-z0-9]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
