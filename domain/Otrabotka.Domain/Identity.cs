namespace Otrabotka.Domain;

public enum Sex
{
    Male,
    Female,
}

/// <summary>
/// The 12-digit check shared by IIN and BIN: weights 1..11 modulo 11; a remainder of 10 is retried with
/// weights 3..11,1,2; 10 again makes the number invalid.
/// </summary>
public static class TwelveDigit
{
    private static readonly int[] FirstWeights = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    private static readonly int[] SecondWeights = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

    /// <summary>The check digit for the first eleven digits, or -1 where none exists.</summary>
    public static int CheckDigit(ReadOnlySpan<char> first11)
    {
        var sum = 0;
        for (var i = 0; i < 11; i++)
        {
            sum += (first11[i] - '0') * FirstWeights[i];
        }

        var check = sum % 11;
        if (check != 10)
        {
            return check;
        }

        sum = 0;
        for (var i = 0; i < 11; i++)
        {
            sum += (first11[i] - '0') * SecondWeights[i];
        }

        check = sum % 11;
        return check == 10 ? -1 : check;
    }

    /// <summary>The number's name as each language abbreviates it: ЖСН / ИИН / IIN, БСН / БИН / BIN.</summary>
    private static Text NameOf(string what) => what == "iin" ? new Text("ЖСН", "ИИН", "IIN") : new Text("БСН", "БИН", "BIN");

    internal static Reason? Validate(string? value, string what)
    {
        var name = NameOf(what);
        if (value is null || value.Length != 12 || !value.All(char.IsAsciiDigit))
        {
            return new Reason(
                what + "-format",
                new Text($"{name.Kk} 12 цифрдан тұруы керек.", $"{name.Ru} должен состоять из 12 цифр.", $"The {name.En} must be 12 digits."));
        }

        var check = CheckDigit(value.AsSpan(0, 11));
        if (check < 0 || check != value[11] - '0')
        {
            return new Reason(
                what + "-checksum",
                new Text($"{name.Kk}-нің бақылау цифры дұрыс емес.", $"Неверная контрольная цифра {name.Ru}.", $"The {name.En} check digit is wrong."));
        }

        return null;
    }
}

/// <summary>Individual identification number (ЖСН / ИИН). Leading zeros are kept: it is a string, not a number.</summary>
public readonly record struct Iin
{
    private Iin(string value) => Value = value;

    public string Value { get; }

    public static Checked<Iin> Parse(string? value)
    {
        if (TwelveDigit.Validate(value, "iin") is { } reason)
        {
            return Checked<Iin>.Fail(reason);
        }

        var iin = new Iin(value!);
        if (iin.BirthDate is null)
        {
            return Checked<Iin>.Fail(new Reason(
                "iin-birth-date",
                new Text("ЖСН-дегі туған күн немесе ғасыр цифры дұрыс емес.", "Дата рождения или цифра века в ИИН неверны.", "The birth date or century digit in the IIN is invalid.")));
        }

        return Checked<Iin>.Ok(iin);
    }

    /// <summary>From YYMMDD and the 7th digit (1–2: 1800s, 3–4: 1900s, 5–6: 2000s).</summary>
    public DateOnly? BirthDate
    {
        get
        {
            var century = Value[6] switch
            {
                '1' or '2' => 1800,
                '3' or '4' => 1900,
                '5' or '6' => 2000,
                _ => -1,
            };
            if (century < 0)
            {
                return null;
            }

            var year = century + ((Value[0] - '0') * 10) + (Value[1] - '0');
            var month = ((Value[2] - '0') * 10) + (Value[3] - '0');
            var day = ((Value[4] - '0') * 10) + (Value[5] - '0');
            return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;
        }
    }

    /// <summary>Odd 7th digit: male; even: female.</summary>
    public Sex Sex => (Value[6] - '0') % 2 == 1 ? Sex.Male : Sex.Female;

    public override string ToString() => Value;
}

/// <summary>Business identification number (БСН / БИН) of an employer.</summary>
public readonly record struct Bin
{
    private Bin(string value) => Value = value;

    public string Value { get; }

    public static Checked<Bin> Parse(string? value) =>
        TwelveDigit.Validate(value, "bin") is { } reason ? Checked<Bin>.Fail(reason) : Checked<Bin>.Ok(new Bin(value!));

    public override string ToString() => Value;
}
