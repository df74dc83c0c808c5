using Otrabotka.Functions.UseCases.OperatorDesk;

namespace Otrabotka.Functions.Tests;

/// <summary>The pure parts of the operators' desk: name folding and CSV cells.</summary>
public sealed class OperatorDeskUnitTests
{
    [Theory]
    [InlineData("Әбілқайыр Нұрғалиұлы Бөкейханов", "абилкайыр нургалиулы бокейханов")]
    [InlineData("ҒАЛИЯ ӨТЕГЕНҚЫЗЫ", "галия отегенкызы")]
    [InlineData("Үмбетәлі Һашимов", "умбетали хашимов")]
    [InlineData("Сейітқызы-Ахмедова Ёлка", "сейиткызы ахмедова елка")]
    [InlineData("O'Brien  Ли", "brien ли")]
    public void Names_are_folded_to_lower_case_words_without_Kazakh_letters(string name, string words) =>
        Assert.Equal(words, string.Join(' ', NameTokens.Words(name)));

    [Fact]
    public void A_name_is_indexed_under_distinct_words_none_the_start_of_another()
    {
        Assert.Equal(["ахметов", "нурлан"], NameTokens.IndexKeys("Ахмет Ахметов Нұрлан нурлан"));
        Assert.Empty(NameTokens.IndexKeys("А. Б."));
        Assert.Equal(NameTokens.MaxTokenLength, NameTokens.IndexKeys(new string('ж', 300)).Single().Length);
    }

    [Fact]
    public void Every_query_word_must_start_some_word_of_the_name()
    {
        var name = NameTokens.Words("Әлихан Бөкейхан Нұрғалиұлы");
        Assert.True(NameTokens.Matches(name, ["бокей", "нур"]));
        Assert.True(NameTokens.Matches(name, []));
        Assert.False(NameTokens.Matches(name, ["бокей", "ергали"]));
        Assert.False(NameTokens.Matches(name, ["кейхан"]));
        Assert.Equal("ахмеу", NameTokens.After("ахмет"));
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+7 701", "'+7 701")]
    [InlineData("-5", "'-5")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "\"'\rcmd\"")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("=HYPERLINK(\"x\",\"y\")", "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"")]
    [InlineData("Айгерім", "Айгерім")]
    [InlineData(null, "")]
    public void A_cell_a_spreadsheet_would_run_is_escaped_and_separators_are_quoted(string? value, string cell) =>
        Assert.Equal(cell, CsvCells.Cell(value));
}
