namespace Otrabotka.Functions.Tests;

/// <summary>
/// A local host on its own storage account (feed1) for the pension-feed tests: chunks of a few rows so a file of a
/// dozen is cut in several, the reminder and outbox timers off (the sweeper on), its feed queue its own.
/// </summary>
public sealed class FeedHostFixture() : LocalHostFixture(WithSweep, connection: FeedConnectionString)
{
    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        ["Feed:ChunkRows"] = "4",
        ["Feed:Parallelism"] = "4",
        ["ReminderSchedule"] = "0 0 0 1 1 *",
        ["OutboxSweepSchedule"] = "0 0 0 1 1 *",
        ["IntakeSweepSchedule"] = "0 0 0 1 1 *",
    };

    /// <summary>
    /// The shared feed host also runs the sweeper, as every deployment does: the local polling blob trigger can
    /// miss a blob (its scan compares last-modified times of one-second resolution), and the sweep is the net under it.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string?> WithSweep = new Dictionary<string, string?>(Settings)
    {
        ["IntakeSweepSchedule"] = "*/5 * * * * *",
        ["Intake:SweepMinimumAgeSeconds"] = "3",
    };

    public static string FeedConnectionString => Account("AzureWebJobsStorageFeed");

    public static string FeedCrashConnectionString => Account("AzureWebJobsStorageFeedCrash");

    private static string Account(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{variable} is not set: run the tests with scripts/test.sh.");
}

[CollectionDefinition(Name)]
public sealed class FeedHostCollection : ICollectionFixture<FeedHostFixture>
{
    public const string Name = "feed host";
}
