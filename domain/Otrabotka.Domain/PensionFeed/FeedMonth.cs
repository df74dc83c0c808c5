using System.Globalization;

namespace Otrabotka.Domain;

/// <summary>A calendar month of the pension feed (the month a contribution is for), written YYYY-MM.</summary>
public readonly record struct FeedMonth(int Year, int Month) : IComparable<FeedMonth>
{
    public DateOnly First => new(Year, Month, 1);

    public DateOnly Last => new(Year, Month, DateTime.DaysInMonth(Year, Month));

    /// <summary>A month number that is one more for the next month, so adjacency is a difference of one.</summary>
    public int Index => (Year * 12) + Month - 1;

    public static FeedMonth Of(DateOnly day) => new(day.Year, day.Month);

    public static FeedMonth FromIndex(int index) => new(index / 12, (index % 12) + 1);

    /// <summary>Exactly YYYY-MM, month 01–12, year 2000–2099; anything else is not a month.</summary>
    public static bool TryParse(string? text, out FeedMonth month)
    {
        month = default;
        if (text is not { Length: 7 } || text[4] != '-'
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || year is < 2000 or > 2099 || number is < 1 or > 12)
        {
            return false;
        }

        month = new FeedMonth(year, number);
        return true;
    }

    public FeedMonth AddMonths(int months) => FromIndex(Index + months);

    public bool Contains(DateOnly day) => day.Year == Year && day.Month == Month;

    public int CompareTo(FeedMonth other) => Index.CompareTo(other.Index);

    public static bool operator <(FeedMonth left, FeedMonth right) => left.Index < right.Index;

    public static bool operator >(FeedMonth left, FeedMonth right) => left.Index > right.Index;

    public static bool operator <=(FeedMonth left, FeedMonth right) => left.Index <= right.Index;

    public static bool operator >=(FeedMonth left, FeedMonth right) => left.Index >= right.Index;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");
}
