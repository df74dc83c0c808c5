namespace Otrabotka.Domain;

/// <summary>The operator's contacts, from the Financial Center's briefing; every page and e-mail ends with them.</summary>
public static class Contacts
{
    public static readonly Text Operator = new("«Қаржы орталығы» АҚ", "АО «Финансовый центр»", "JSC Financial Center");

    public static readonly Text BachelorDesk = new("Бакалавриат бойынша сұрақтар", "Вопросы по бакалавриату", "Bachelor's questions");
    public static readonly IReadOnlyList<string> BachelorPhones = ["+7 717 269 5032", "+7 717 269 5034", "+7 717 269 5047", "+7 717 269 5056", "+7 717 269 5057"];

    public static readonly Text GraduateDesk = new("Магистратура және докторантура (PhD) бойынша сұрақтар", "Вопросы по магистратуре и докторантуре (PhD)", "Master's and doctorate (PhD) questions");
    public static readonly IReadOnlyList<string> GraduatePhones = ["+7 717 269 5032", "+7 717 269 5034", "+7 717 269 5047", "+7 717 269 5057"];

    /// <summary>Both addresses the seed lists (this overrides rules.md's single one); every message carries both.</summary>
    public static readonly IReadOnlyList<string> Emails = ["fincenter@fincenter.kz", "fincenter2020@gmail.com"];
    public const string Telegram = "https://t.me/otrabotkagrant";

    public static readonly Text EmailLabel = new("Эл. пошта", "Эл. почта", "E-mail");
    public static readonly Text TelegramLabel = new("Telegram-арна", "Telegram-канал", "Telegram");

    public static readonly Text Address = new(
        "010000, Астана қаласы, Мәңгілік Ел даңғылы, 18, 3-қабат, 302-кабинет",
        "010000, г. Астана, пр. Мангилик Ел, 18, 3 этаж, каб. 302",
        "Mangilik El Avenue 18, 3rd floor, office 302, Astana 010000");

    /// <summary>The contacts block as plain text lines in one language.</summary>
    public static IEnumerable<string> Lines(Language language)
    {
        yield return Operator.In(language);
        yield return $"{BachelorDesk.In(language)}: {string.Join(", ", BachelorPhones)}";
        yield return $"{GraduateDesk.In(language)}: {string.Join(", ", GraduatePhones)}";
        yield return $"{EmailLabel.In(language)}: {string.Join(", ", Emails)} · {TelegramLabel.In(language)}: {Telegram}";
        yield return Address.In(language);
    }
}
