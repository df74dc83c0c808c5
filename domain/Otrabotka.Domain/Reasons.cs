namespace Otrabotka.Domain;

/// <summary>Why a rule said no (or warns): a stable code, the text in three languages, and the point of the law.</summary>
public sealed record Reason(string Code, Text Message, string? Law = null)
{
    public override string ToString() => Code;
}

/// <summary>The points of the law the rules rest on, as cited in reasons.</summary>
public static class Law
{
    public const string Obligation = "п.17 ст.47 Закона РК «Об образовании»";
    public const string Reimbursement = "п.17-1 ст.47 Закона РК «Об образовании»";
    public const string Exemption = "п.17-2 ст.47 Закона РК «Об образовании»";
    public const string Rules403 = "Правила, утв. приказом МНВО РК от 11.08.2023 № 403";
}

/// <summary>Either a value or the reasons it could not be had. Bad input is a result, never an exception.</summary>
public readonly record struct Checked<T>(T? Value, IReadOnlyList<Reason> Reasons)
{
    public bool IsValid => Reasons.Count == 0;

    public static Checked<T> Ok(T value) => new(value, []);

    public static Checked<T> Fail(Reason reason) => new(default, [reason]);
}
