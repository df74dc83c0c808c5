using CsCheck;

namespace Otrabotka.Domain.Tests;

public sealed class IdentityTests
{
    /// <summary>Eleven digits with a real birth date and century digit, completed with their check digit.</summary>
    internal static readonly Gen<string> ValidIin =
        from date in Gen.Date[new DateTime(1950, 1, 1), new DateTime(2009, 12, 31)]
        from serial in Gen.Int[0, 9999]
        from female in Gen.Bool
        let century = date.Year >= 2000 ? (female ? '6' : '5') : (female ? '4' : '3')
        let first11 = $"{date:yyMMdd}{century}{serial:D4}"
        let check = TwelveDigit.CheckDigit(first11)
        where check >= 0
        select first11 + check;

    internal static readonly Gen<string> ValidBin =
        from digits in Gen.Int[0, 9].Array[11]
        let first11 = string.Concat(digits)
        let check = TwelveDigit.CheckDigit(first11)
        where check >= 0
        select first11 + check;

    [Fact]
    public void Generated_valid_IINs_validate_and_yield_birth_date_and_sex() =>
        ValidIin.Sample(iin =>
        {
            var parsed = Iin.Parse(iin);
            Assert.True(parsed.IsValid, iin);
            Assert.Equal(iin, parsed.Value.Value);
            var expectedSex = (iin[6] - '0') % 2 == 1 ? Sex.Male : Sex.Female;
            Assert.Equal(expectedSex, parsed.Value.Sex);
            Assert.Equal(iin[..6], parsed.Value.BirthDate!.Value.ToString("yyMMdd", System.Globalization.CultureInfo.InvariantCulture));
        });

    [Fact]
    public void Generated_valid_BINs_validate_and_keep_leading_zeros()
    {
        ValidBin.Sample(bin => Assert.True(Bin.Parse(bin).IsValid, bin));
        var withZero = "0" + "1234567890";
        var zeroBin = withZero + TwelveDigit.CheckDigit(withZero);
        Assert.Equal(zeroBin, Bin.Parse(zeroBin).Value.Value);
    }

    [Fact]
    public void A_wrong_check_digit_fails() =>
        ValidIin.Select(Gen.Int[1, 9]).Sample((iin, shift) =>
        {
            var wrong = iin[..11] + (char)('0' + ((iin[11] - '0' + shift) % 10));
            var parsed = Iin.Parse(wrong);
            Assert.False(parsed.IsValid);
            Assert.Equal("iin-checksum", parsed.Reasons[0].Code);
        });

    [Fact]
    public void The_second_weight_set_is_used_when_the_first_gives_ten()
    {
        // Find a prefix whose first weighted sum leaves 10, and check the digit comes from the second weights.
        var prefix = Enumerable.Range(0, 100000).Select(i => $"9001015{i % 10000:D4}")
            .First(p => p.Select((c, i) => (c - '0') * (i + 1)).Sum() % 11 == 10);
        int[] second = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];
        var expected = prefix.Select((c, i) => (c - '0') * second[i]).Sum() % 11;
        Assert.Equal(expected == 10 ? -1 : expected, TwelveDigit.CheckDigit(prefix));
    }

    [Theory]
    [InlineData(null, "iin-format")]
    [InlineData("", "iin-format")]
    [InlineData("12345678901", "iin-format")]
    [InlineData("1234567890123", "iin-format")]
    [InlineData("12345678901a", "iin-format")]
    public void Malformed_IINs_give_a_reason_not_an_exception(string? value, string code) =>
        Assert.Equal(code, Assert.Single(Iin.Parse(value).Reasons).Code);

    [Fact]
    public void An_IIN_with_an_impossible_date_or_century_is_refused()
    {
        string WithCheck(string first11) => first11 + TwelveDigit.CheckDigit(first11);
        var badMonth = Enumerable.Range(0, 1000).Select(i => $"001301{(i % 2 == 0 ? '5' : '6')}{i:D4}").Select(p => (p, c: TwelveDigit.CheckDigit(p))).First(x => x.c >= 0).p;
        Assert.Equal("iin-birth-date", Iin.Parse(WithCheck(badMonth)).Reasons[0].Code);
        var badCentury = Enumerable.Range(0, 1000).Select(i => $"0001010{i:D4}").Select(p => (p, c: TwelveDigit.CheckDigit(p))).First(x => x.c >= 0).p;
        Assert.Equal("iin-birth-date", Iin.Parse(WithCheck(badCentury)).Reasons[0].Code);
    }
}
