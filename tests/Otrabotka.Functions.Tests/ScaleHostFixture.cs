namespace Otrabotka.Functions.Tests;

/// <summary>
/// A local host on its own storage account (scale1) with small bounds, so that a file of a few dozen rows is a
/// "large" import and a handful of due reminders a "large" run; its timers are off, its queues are its own. An import
/// chunk's execution has no time budget here (Import:ChunkSeconds 0): it registers one piece (a tenth of a chunk) and
/// queues the rest, so every import test goes through chunks cut short and resumed.
/// </summary>
public sealed class ScaleHostFixture() : LocalHostFixture(
    new Dictionary<string, string?>
    {
        ["Import:InlineRowLimit"] = "50",
        ["Import:ChunkRows"] = "20",
        ["Import:ChunkSeconds"] = "0",
        ["Reminders:InlineLimit"] = "5",
        ["Reminders:ChunkSize"] = "4",
        ["Reminders:SendRatePerSecond"] = "40",
        ["ReminderSchedule"] = "0 0 0 1 1 *",
        ["OutboxSweepSchedule"] = "0 0 0 1 1 *",
        ["IntakeSweepSchedule"] = "0 0 0 1 1 *",
    },
    connection: ScaleConnectionString)
{
    public static string ScaleConnectionString =>
        Environment.GetEnvironmentVariable("AzureWebJobsStorageScale") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("AzureWebJobsStorageScale is not set: run the tests with scripts/test.sh.");
}

[CollectionDefinition(Name)]
public sealed class ScaleHostCollection : ICollectionFixture<ScaleHostFixture>
{
    public const string Name = "scale host";
}
