using System.Globalization;
using Otrabotka.Domain;

namespace Otrabotka.Functions.Texts;

/// <summary>
/// The one way an amount of tenge is written to a person (e-mails, pages): in Kazakh and Russian
/// «3 600 000,00 теңге» / «3 600 000,00 тенге» (a no-break space between groups, a decimal comma), in
/// English «3,600,000.00 tenge». Fixed number formats, not the machine's culture data, so every host
/// prints the same.
/// </summary>
public static class Money
{
    private static readonly NumberFormatInfo KazakhAndRussian = new()
    {
        NumberGroupSeparator = "\u00A0",
        NumberDecimalSeparator = ",",
        NumberGroupSizes = [3],
        NumberDecimalDigits = 2,
        NegativeSign = "−",
    };

    private static readonly NumberFormatInfo English = new()
    {
        NumberGroupSeparator = ",",
        NumberDecimalSeparator = ".",
        NumberGroupSizes = [3],
        NumberDecimalDigits = 2,
    };

    /// <summary>The number alone, grouped as the language writes it: «3 600 000,00».</summary>
    public static string Number(decimal amount, Language language) =>
        amount.ToString("N2", language == Language.En ? English : KazakhAndRussian);

    /// <summary>The amount with its currency word from the catalog (<c>money.tenge</c>): «3 600 000,00 теңге».</summary>
    public static string Format(decimal amount, Language language) =>
        TextCatalog.Default.Format("money.tenge", language, ("amount", Number(amount, language)));
}
