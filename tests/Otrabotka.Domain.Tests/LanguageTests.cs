namespace Otrabotka.Domain.Tests;

public sealed class LanguageTests
{
    [Theory]
    [InlineData(null, Language.Kk)]
    [InlineData("", Language.Kk)]
    [InlineData("ru", Language.Ru)]
    [InlineData("ru-RU,ru;q=0.9,en;q=0.8", Language.Ru)]
    [InlineData("en-GB", Language.En)]
    [InlineData("KK-kz", Language.Kk)]
    [InlineData("de-DE,ru;q=0.5", Language.Ru)]
    [InlineData("en;q=0.1,ru;q=0.9", Language.Ru)]
    [InlineData("ru;q=0.5,en;q=0.5", Language.Ru)]
    [InlineData("en;q=0,ru;q=0.2", Language.Ru)]
    [InlineData("en;q=0", Language.Kk)]
    [InlineData("fr,*;q=0.1", Language.Kk)]
    [InlineData("en;q=abc", Language.En)]
    [InlineData("zz-ZZ;q=abc,,,", Language.Kk)]
    public void The_callers_language_is_the_supported_one_they_weigh_highest(string? header, Language expected) =>
        Assert.Equal(expected, Text.ParseLanguage(header));
}
