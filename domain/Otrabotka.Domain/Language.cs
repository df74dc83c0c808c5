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

    /// <summary>Reads the primary subtag of an Accept-Language-like value (kk, ru, en); anything else is Kazakh.</summary>
    public static Language ParseLanguage(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Language.Kk;
        }

        foreach (var part in value.Split(','))
        {
            var tag = part.Split(';')[0].Trim();
            var primary = tag.Split('-')[0].ToLowerInvariant();
            switch (primary)
            {
                case "kk":
                    return Language.Kk;
                case "ru":
                    return Language.Ru;
                case "en":
                    return Language.En;
            }
        }

        return Language.Kk;
    }
}
