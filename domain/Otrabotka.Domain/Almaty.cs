namespace Otrabotka.Domain;

/// <summary>
/// "Today" for deadlines is the date in Asia/Almaty (UTC+5 since 1 March 2024). The domain has no clock:
/// callers pass the instant (from a TimeProvider) and get the date of the law.
/// </summary>
public static class Almaty
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Almaty");

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    public static DateOnly Today(TimeProvider time) => DateOf(time.GetUtcNow());
}
