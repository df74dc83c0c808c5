using static Otrabotka.Domain.Tests.Fixtures;

namespace Otrabotka.Domain.Tests;

public sealed class PensionFeedCsvTests
{
    private const string Header = "iin,employerBin,employerName,employerAddress,katoCode,month,contributionPaid";
    private const string GoodRow = "980501300125,010315500562,\"ГУ «Школа №1», село Акколь\",\"Акмолинская обл., с. Акколь\",111030100,2024-09,true";

    private static readonly PensionFeedCsv Csv = new();

    [Fact]
    public void A_good_file_reads_every_row_with_its_line_and_values()
    {
        var shape = Csv.Open(new StringReader($"\uFEFF{Header}\n{GoodRow}\n\n990202400346,020412600786,ТОО Бета,Астана,,2024-10,FALSE\n"));
        Assert.True(shape.IsValid);
        var lines = shape.Lines.ToList();
        Assert.Equal([2, 4], lines.Select(l => l.Line));
        Assert.All(lines, l => Assert.True(l.IsValid));
        var first = lines[0].Row!;
        Assert.Equal("980501300125", first.Iin.Value);
        Assert.Equal("010315500562", first.EmployerBin.Value);
        Assert.Equal("ГУ «Школа №1», село Акколь", first.EmployerName);
        Assert.Equal("111030100", first.KatoCode);
        Assert.Equal(new FeedMonth(2024, 9), first.Month);
        Assert.True(first.ContributionPaid);
        Assert.Null(lines[1].Row!.KatoCode);
        Assert.False(lines[1].Row!.ContributionPaid);
    }

    [Fact]
    public void Columns_may_come_in_any_order_and_extra_columns_are_ignored()
    {
        var shape = Csv.Open(new StringReader("month,contributionPaid,note,iin,employerBin,employerName,employerAddress,katoCode\n2025-01,true,x,980501300125,010315500562,Школа,Акколь,\n"));
        var row = Assert.Single(shape.Lines).Row!;
        Assert.Equal(new FeedMonth(2025, 1), row.Month);
        Assert.Equal("980501300125", row.Iin.Value);
    }

    [Theory]
    [InlineData("", "import-file-empty", "")]
    [InlineData("iin,employerBin,employerName,employerAddress,katoCode,month\n980501300125,010315500562,a,b,,2024-09\n", "import-file-columns", "contributionPaid")]
    [InlineData("ИИН;БИН;Наименование\n", "import-file-columns", "iin,employerBin,employerName,employerAddress,katoCode,month,contributionPaid")]
    public void A_file_of_the_wrong_shape_is_refused_whole_with_what_is_missing(string file, string code, string missing)
    {
        var shape = Csv.Open(new StringReader(file));
        Assert.False(shape.IsValid);
        Assert.Equal(code, shape.Refusal!.Code);
        Assert.Equal(missing, string.Join(',', shape.MissingColumns));
        Assert.Empty(shape.Lines);
    }

    public static TheoryData<string, string[]> BadRows() => new()
    {
        { "98050130012,010315500562,Школа,Акколь,,2024-09,true", ["iin-format"] },
        { "980501300126,010315500562,Школа,Акколь,,2024-09,true", ["iin-checksum"] },
        { "980501300125,010315500563,Школа,Акколь,,2024-09,true", ["bin-checksum"] },
        { "980501300125,010315500562,Школа,Акколь,,2024-9,true", ["feed-month-format"] },
        { "980501300125,010315500562,Школа,Акколь,,2024-13,true", ["feed-month-format"] },
        { "980501300125,010315500562,Школа,Акколь,,09.2024,true", ["feed-month-format"] },
        { "980501300125,010315500562,Школа,Акколь,,2024-09,yes", ["feed-contribution-format"] },
        { "980501300125,010315500562,,Акколь,,2024-09,true", ["feed-employer-name-missing"] },
        { "980501300125,010315500562,Школа,Акколь,11103,2024-09,true", ["kato-format"] },
        { "980501300125,010315500562,Школа,Акколь,,2024-09", ["import-row-columns"] },
        { "980501300125,010315500562,\"Школа,Акколь,,2024-09,true", ["import-row-quote"] },
        { "980501300125,010315500562,\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD,Акколь,,2024-09,true", ["import-row-encoding"] },
        { "980501300126,010315500563,Школа,Акколь,,2024,1", ["iin-checksum", "bin-checksum", "feed-month-format", "feed-contribution-format"] },
    };

    [Theory]
    [MemberData(nameof(BadRows))]
    public void A_bad_row_is_reported_with_its_line_and_every_reason_and_the_rest_go_on(string bad, string[] codes)
    {
        var shape = Csv.Open(new StringReader($"{Header}\n{GoodRow}\n{bad}\n{GoodRow}\n"));
        var lines = shape.Lines.ToList();
        Assert.Equal(3, lines.Count);
        Assert.True(lines[0].IsValid);
        Assert.True(lines[2].IsValid);
        Assert.Equal(3, lines[1].Line);
        Assert.Null(lines[1].Row);
        Assert.Equal(codes, lines[1].Errors.Select(e => e.Code));
    }

    [Fact]
    public void Lines_are_read_lazily_as_they_are_enumerated()
    {
        var reader = new CountingReader($"{Header}\n{GoodRow}\n{GoodRow}\n{GoodRow}\n");
        var shape = Csv.Open(reader);
        Assert.Equal(1, reader.LinesRead);
        using var lines = shape.Lines.GetEnumerator();
        Assert.True(lines.MoveNext());
        Assert.Equal(2, reader.LinesRead);
    }

    [Theory]
    [InlineData("2024-01", true)]
    [InlineData("2099-12", true)]
    [InlineData("1999-12", false)]
    [InlineData("2024-00", false)]
    [InlineData("2024-1a", false)]
    [InlineData("+024-01", false)]
    [InlineData(" 2024-01", false)]
    public void A_month_is_exactly_YYYY_MM(string text, bool valid)
    {
        Assert.Equal(valid, FeedMonth.TryParse(text, out _));
    }

    [Fact]
    public void A_month_knows_its_days_and_neighbours()
    {
        var february = new FeedMonth(2024, 2);
        Assert.Equal(D("2024-02-29"), february.Last);
        Assert.Equal(new FeedMonth(2025, 1), new FeedMonth(2024, 12).AddMonths(1));
        Assert.Equal("2024-02", february.ToString());
    }

    private sealed class CountingReader(string text) : StringReader(text)
    {
        public int LinesRead { get; private set; }

        public override string? ReadLine()
        {
            LinesRead++;
            return base.ReadLine();
        }
    }
}
