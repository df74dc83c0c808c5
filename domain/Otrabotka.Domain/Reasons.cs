namespace Otrabotka.Domain;

/// <summary>Why a rule said no (or warns): a stable code, the text in three languages, and the point of the law.</summary>
public sealed record Reason(string Code, Text Message, Text? Law = null)
{
    public override string ToString() => Code;
}

/// <summary>The points of the law the rules rest on, as cited in reasons, in each language's citation form.</summary>
public static class Law
{
    public static readonly Text Obligation = new(
        "«Білім туралы» Қазақстан Республикасы Заңының 47-бабының 17-тармағы", "п. 17 ст. 47 Закона РК «Об образовании»", "Law of the Republic of Kazakhstan on Education, art. 47(17)");

    public static readonly Text Reimbursement = new(
        "«Білім туралы» Қазақстан Республикасы Заңының 47-бабының 17-1-тармағы", "п. 17-1 ст. 47 Закона РК «Об образовании»", "Law of the Republic of Kazakhstan on Education, art. 47(17-1)");

    public static readonly Text Exemption = new(
        "«Білім туралы» Қазақстан Республикасы Заңының 47-бабының 17-2-тармағы", "п. 17-2 ст. 47 Закона РК «Об образовании»", "Law of the Republic of Kazakhstan on Education, art. 47(17-2)");

    public static readonly Text Rules403 = new(
        "ҚР Ғылым және жоғары білім министрінің 2023 жылғы 11 тамыздағы № 403 бұйрығымен бекітілген Қағидалар",
        "Правила, утв. приказом МНВО РК от 11.08.2023 № 403",
        "Rules approved by order No. 403 of the Minister of Science and Higher Education, 11.08.2023");
}

/// <summary>Either a value or the reasons it could not be had. Bad input is a result, never an exception.</summary>
public readonly record struct Checked<T>(T? Value, IReadOnlyList<Reason> Reasons)
{
    public bool IsValid => Reasons.Count == 0;

    public static Checked<T> Ok(T value) => new(value, []);

    public static Checked<T> Fail(Reason reason) => new(default, [reason]);
}
