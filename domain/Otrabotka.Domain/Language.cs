namespace Otrabotka.Domain;

/// <summary>The three languages every user-facing text exists in. Kazakh is the default.</summary>
public enum Language
{
    Kk,
    Ru,
    En,
}

/// <summary>One text in Kazakh, Russian and English.</summary>
public sealed record Text(string Kk, string Ru, string En)
{
    public string In(Language language) => language switch
    {
        Language.Ru => Ru,
        Language.En => En,
        _ => Kk,
    };

    /// <summary>
    /// Reads an Accept-Language-like value: of kk, ru and en (by primary subtag), the one with the highest weight
    /// (q, default 1; q=0 means "not this one"), the first listed on a tie; none of them is Kazakh.
    /// </summary>
    public static Language ParseLanguage(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Language.Kk;
        }

        Language? best = null;
        var bestWeight = 0.0;
        foreach (var part in value.Split(','))
        {
            var pieces = part.Split(';');
            if (Supported(pieces[0].Trim().Split('-')[0]) is { } language && Weight(pieces) is var weight && weight > bestWeight)
            {
                (best, bestWeight) = (language, weight);
            }
        }

        return best ?? Language.Kk;
    }

    private static Language? Supported(string primary) => primary.ToLowerInvariant() switch
    {
        "kk" => Language.Kk,
        "ru" => Language.Ru,
        "en" => Language.En,
        _ => null,
    };

    private static double Weight(string[] pieces)
    {
        foreach (var parameter in pieces.Skip(1))
        {
            var pair = parameter.Split('=', 2);
            if (pair.Length == 2 && pair[0].Trim().Equals("q", StringComparison.OrdinalIgnoreCase))
            {
                return double.TryParse(pair[1].Trim(), System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var q) ? Math.Clamp(q, 0, 1) : 1;
            }
        }

        return 1;
    }
}
