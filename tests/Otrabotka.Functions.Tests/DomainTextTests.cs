using System.Reflection;
using Otrabotka.Domain;

namespace Otrabotka.Functions.Tests;

/// <summary>
/// "Keep them right" for the texts that stay in domain/ (rule reasons, file reasons, names): every one has
/// kk, ru and en, no Latin word in kk or ru outside the allowed list, and never shows its own code.
/// </summary>
public sealed class DomainTextTests
{
    public static TheoryData<string> Reasons()
    {
        var data = new TheoryData<string>();
        foreach (var reason in AllReasons())
        {
            data.Add(reason.Code);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Reasons))]
    public void Every_rule_reason_reads_in_three_languages_without_its_code_or_Latin_words(string code)
    {
        var reason = AllReasons().First(r => r.Code == code);
        foreach (var text in new[] { reason.Message.Kk, reason.Message.Ru, reason.Message.En })
        {
            Assert.False(string.IsNullOrWhiteSpace(text));
            Assert.DoesNotContain(code, text, StringComparison.Ordinal);
        }

        Assert.Empty(TextCatalogTests.LatinWords(reason.Message.Kk));
        Assert.Empty(TextCatalogTests.LatinWords(reason.Message.Ru));
        if (reason.Law is { } law)
        {
            Assert.Empty(TextCatalogTests.LatinWords(law.Kk));
            Assert.DoesNotContain("п.", law.Kk, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_name_of_every_value_reads_in_three_languages_without_Latin_words()
    {
        var names = typeof(Names).GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.Name == nameof(Names.Of) && m.GetParameters().Length == 1);
        var count = 0;
        foreach (var method in names)
        {
            foreach (var value in Enum.GetValues(method.GetParameters()[0].ParameterType))
            {
                var text = (Text)method.Invoke(null, [value])!;
                Assert.All(new[] { text.Kk, text.Ru, text.En }, t => Assert.False(string.IsNullOrWhiteSpace(t)));
                Assert.Empty(TextCatalogTests.LatinWords(text.Kk));
                Assert.Empty(TextCatalogTests.LatinWords(text.Ru));
                count++;
            }
        }

        Assert.True(count > 50, $"only {count} names found");
    }

    [Theory]
    [InlineData("12345", "ЖСН 12 цифрдан тұруы керек.", "ИИН должен состоять из 12 цифр.")]
    [InlineData("900101300107", "ЖСН-нің бақылау цифры дұрыс емес.", "Неверная контрольная цифра ИИН.")]
    public void An_IIN_error_names_the_number_as_each_language_does(string value, string kk, string ru)
    {
        var reason = Iin.Parse(value).Reasons[0];
        Assert.Equal(kk, reason.Message.Kk);
        Assert.Equal(ru, reason.Message.Ru);
        var bin = Bin.Parse(value).Reasons[0];
        Assert.StartsWith("БСН", bin.Message.Kk, StringComparison.Ordinal);
        Assert.Contains("БИН", bin.Message.Ru, StringComparison.Ordinal);
    }

    private static List<Reason> AllReasons() =>
        new[] { typeof(DomainReasons), typeof(FileRules) }
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.FieldType == typeof(Reason))
            .Select(f => (Reason)f.GetValue(null)!)
            .ToList();
}
