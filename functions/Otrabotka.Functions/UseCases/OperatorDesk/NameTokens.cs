using System.Globalization;
using System.Text;

namespace Otrabotka.Functions.UseCases.OperatorDesk;

/// <summary>
/// How names are indexed and searched (ADR 0015): lower case, Kazakh letters folded to their Russian
/// look-alikes (ә→а, і→и, қ→к, ң→н, ғ→г, ө→о, ұ/ү→у, һ→х, ё→е), split into words of letters and digits.
/// A word of one letter (an initial) is not indexed; a word is cut at <see cref="MaxTokenLength"/>.
/// </summary>
public static class NameTokens
{
    public const int MinTokenLength = 2;
    public const int MaxTokenLength = 40;

    /// <summary>The letters folded: what an operator typing on a Russian keyboard would type instead.</summary>
    private static readonly IReadOnlyDictionary<char, char> Folds = new Dictionary<char, char>
    {
        ['ә'] = 'а', ['і'] = 'и', ['қ'] = 'к', ['ң'] = 'н', ['ғ'] = 'г', ['ө'] = 'о', ['ұ'] = 'у', ['ү'] = 'у', ['һ'] = 'х', ['ё'] = 'е',
    };

    /// <summary>One letter or digit folded (lower case first), or null for anything that separates words.</summary>
    public static char? Fold(char c)
    {
        if (!char.IsLetterOrDigit(c))
        {
            return null;
        }

        var lower = char.ToLowerInvariant(c);
        return Folds.TryGetValue(lower, out var folded) ? folded : lower;
    }

    /// <summary>Every word of the text, folded, in order (words shorter than two letters dropped, repeats kept).</summary>
    public static IReadOnlyList<string> Words(string text) => Split(text, MinTokenLength);

    /// <summary>Every word of a query, folded, however short (the caller refuses the short ones).</summary>
    public static IReadOnlyList<string> QueryWords(string text) => Split(text, 1);

    private static List<string> Split(string text, int minLength)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in Composed(text))
        {
            if (Fold(c) is { } folded)
            {
                word.Append(folded);
                continue;
            }

            Flush(words, word, minLength);
        }

        Flush(words, word, minLength);
        return words;
    }

    /// <summary>
    /// The words a name is indexed under: distinct, and none that is the start of another (a search for
    /// «ахмет» finds «Ахмет Ахметов» through «ахметов» once, not twice).
    /// </summary>
    public static IReadOnlyList<string> IndexKeys(string fullName)
    {
        var words = Words(fullName).Distinct(StringComparer.Ordinal).ToList();
        return words.Where(w => !words.Any(other => other.Length > w.Length && other.StartsWith(w, StringComparison.Ordinal)))
            .OrderBy(w => w, StringComparer.Ordinal).ToList();
    }

    /// <summary>True when every query word is the start of some word of the (folded) name.</summary>
    public static bool Matches(IReadOnlyList<string> nameWords, IEnumerable<string> queryWords) =>
        queryWords.All(q => nameWords.Any(w => w.StartsWith(q, StringComparison.Ordinal)));

    /// <summary>The first key after every key that starts with <paramref name="prefix"/> (its last character plus one).</summary>
    public static string After(string prefix) =>
        string.Concat(prefix.AsSpan(0, prefix.Length - 1), ((char)(prefix[^1] + 1)).ToString(CultureInfo.InvariantCulture));

    /// <summary>Composed form (a «й» typed as и + breve is one letter); text that cannot be normalized (a lone surrogate) as it is.</summary>
    private static string Composed(string text)
    {
        try
        {
            return text.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            return text;
        }
    }

    private static void Flush(List<string> words, StringBuilder word, int minLength)
    {
        if (word.Length >= minLength)
        {
            words.Add(word.Length > MaxTokenLength ? word.ToString(0, MaxTokenLength) : word.ToString());
        }

        word.Clear();
    }
}
