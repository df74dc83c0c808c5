using Azure.Data.Tables;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.Tests;

/// <summary>A column longer than one table property (the reminders of a graduate with many documents) is split and read back whole.</summary>
public sealed class LongColumnTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(LongColumn.PartLength)]
    [InlineData(LongColumn.PartLength + 1)]
    [InlineData((3 * LongColumn.PartLength) + 17)]
    public void A_text_of_any_length_is_read_back_as_written_with_no_part_over_the_property_limit(int length)
    {
        var text = new string(Enumerable.Range(0, length).Select(i => (char)('a' + (i % 26))).ToArray());
        var entity = new TableEntity("p", "r");

        LongColumn.Write(entity, "Reminders", text);

        Assert.Equal(text, LongColumn.Read(entity, "Reminders"));
        Assert.All(((IDictionary<string, object>)entity).Values.OfType<string>(), part => Assert.True(part.Length <= 32_768, $"a part of {part.Length} characters"));
    }

    [Fact]
    public void A_shorter_text_merged_over_a_longer_one_is_read_without_the_stale_parts()
    {
        var entity = new TableEntity("p", "r");
        LongColumn.Write(entity, "Pending", new string('x', (2 * LongColumn.PartLength) + 5));

        // A merge writes only the new parts and the count; the old third part stays in the row.
        var merged = new TableEntity("p", "r");
        LongColumn.Write(merged, "Pending", "[\"short\"]");
        foreach (var (key, value) in merged)
        {
            entity[key] = value;
        }

        Assert.Equal("[\"short\"]", LongColumn.Read(entity, "Pending"));
    }

    [Fact]
    public void A_row_written_before_the_split_has_one_part()
    {
        var entity = new TableEntity("p", "r") { ["Reminders"] = "[1,2]" };

        Assert.Equal("[1,2]", LongColumn.Read(entity, "Reminders"));
        Assert.Null(LongColumn.Read(new TableEntity("p", "r"), "Reminders"));
    }
}
