using System.Text.RegularExpressions;
using Otrabotka.Domain;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.Tests;

/// <summary>"Keep them right": every text of the resource set (functions/Otrabotka.Functions/Texts/*.json).</summary>
public sealed partial class TextCatalogTests
{
    /// <summary>Latin words a Kazakh or Russian text may contain: names of formats, degrees and services.</summary>
    private static readonly HashSet<string> AllowedLatin = new(StringComparer.Ordinal) { "PDF", "PhD", "JSON", "CSV", "UTF", "Telegram", "JPEG", "PNG" };

    private static readonly TextCatalog Catalog = TextCatalog.Default;

    public static TheoryData<string> Keys()
    {
        var data = new TheoryData<string>();
        foreach (var key in Catalog.Keys.Order(StringComparer.Ordinal))
        {
            data.Add(key);
        }

        return data;
    }

    [Fact]
    public void The_resource_set_holds_the_areas_the_app_reads()
    {
        foreach (var area in new[] { "problems.", "reasons.", "employer-page." })
        {
            Assert.Contains(Catalog.Keys, k => k.StartsWith(area, StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Every_key_has_a_Kazakh_Russian_and_English_text_with_the_same_placeholders(string key)
    {
        var text = Catalog.Text(key);
        Assert.All(new[] { text.Kk, text.Ru, text.En }, t => Assert.False(string.IsNullOrWhiteSpace(t)));
        var placeholders = TextCatalog.PlaceholdersOf(text.Kk).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(placeholders, TextCatalog.PlaceholdersOf(text.Ru).Order(StringComparer.Ordinal));
        Assert.Equal(placeholders, TextCatalog.PlaceholdersOf(text.En).Order(StringComparer.Ordinal));
        Assert.NotEqual(text.Kk, text.Ru);
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void No_Kazakh_or_Russian_text_contains_a_Latin_word_outside_the_allowed_list(string key)
    {
        var text = Catalog.Text(key);
        Assert.Empty(LatinWords(text.Kk));
        Assert.Empty(LatinWords(text.Ru));
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Every_placeholder_is_filled_and_a_missing_value_is_refused(string key)
    {
        var text = Catalog.Text(key);
        var names = TextCatalog.PlaceholdersOf(text.Kk);
        var filled = Catalog.Text(key, names.Select(n => (n, "⟨" + n + "⟩")).ToArray());
        foreach (var language in Enum.GetValues<Language>())
        {
            Assert.DoesNotMatch(Placeholder(), filled.In(language));
        }

        if (names.Count > 0)
        {
            Assert.Throws<KeyNotFoundException>(() => Catalog.Text(key, names.Skip(1).Select(n => (n, "x")).ToArray()));
        }
    }

    [Fact]
    public void An_unknown_key_is_refused()
    {
        Assert.Throws<KeyNotFoundException>(() => Catalog.Get("problems.no-such-text", Language.Kk));
    }

    [Fact]
    public void The_checks_see_a_Latin_word_and_an_allowed_one()
    {
        Assert.Equal(["IIN"], LatinWords("IIN 12 цифрдан тұруы керек."));
        Assert.Empty(LatinWords("PDF файлын жүктеңіз: https://otrabotka.example/a, info@fc-mon.kz, {field}."));
    }

    internal static List<string> LatinWords(string text)
    {
        var stripped = Url().Replace(Email().Replace(Placeholder().Replace(text, " "), " "), " ");
        return LatinWord().Matches(stripped).Select(m => m.Value).Where(w => !AllowedLatin.Contains(w)).ToList();
    }

    [GeneratedRegex(@"\{[A-Za-z][A-Za-z0-9]*\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Url();

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(\.[\w-]+)+")]
    private static partial Regex Email();

    [GeneratedRegex(@"[A-Za-z]+(?:[-/][A-Za-z]+)*")]
    private static partial Regex LatinWord();
}
