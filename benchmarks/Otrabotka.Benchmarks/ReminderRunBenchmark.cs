using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Otrabotka.Functions.Composition;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Benchmarks;

/// <summary>
/// Issue 5's benchmark: a reminder run over N graduates of whom M are due, on Azurite. Every graduate has a
/// row in the due index (the not-due ones on later dates); the run must read under 1.1 × M entities.
/// </summary>
public static class ReminderRunBenchmark
{
    /// <summary>The app's services against the benchmark's Azurite (AzureWebJobsStorage from the script).</summary>
    public static ServiceProvider Services()
    {
        var connection = Environment.GetEnvironmentVariable("AzureWebJobsStorage") ?? throw new InvalidOperationException("AzureWebJobsStorage is not set (the bench scripts set it).");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = connection,
            ["SendGrid:ApiKey"] = "bench",
            ["SendGrid:FromEmail"] = "bench@otrabotka.local",
            ["Otrabotka:PublicBaseUrl"] = "http://127.0.0.1:7071",
            ["Auth:SigningKey"] = "bench-signing-key-0123456789abcdef0123",
            ["Intake:EmployerLinkKey"] = "bench-employer-key-0123456789abcdef01",
        }).Build();
        return new ServiceCollection().AddLogging().AddOtrabotka(configuration).BuildServiceProvider();
    }

    public static async Task<int> RunAsync(int graduates, int due)
    {
        var services = Services();
        var storage = services.GetRequiredService<StorageClients>();
        await storage.EnsureCreatedAsync();
        var table = storage.Table(StorageNames.ReminderDueTable);
        var today = new DateOnly(2027, 9, 1);

        Console.WriteLine($"seeding the due index: {graduates:N0} graduates, {due:N0} due on {today:yyyy-MM-dd}");
        var seed = Stopwatch.StartNew();
        var rows = Enumerable.Range(0, graduates).Select(i =>
        {
            // The due ones fall on the run date or within the 10 days before it (caught up); the rest later.
            var date = i < due ? today.AddDays(-(i % 10)) : today.AddDays(1 + (i % 540));
            var id = $"g{i:D8}";
            return new TableEntity(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), $"{id}|no-proof|2027-09-01+{i % 4 * 30}")
            {
                ["GraduateId"] = id,
                ["Kind"] = "no-employment-proof",
                ["Recipient"] = "graduate",
                ["Series"] = $"{id}|no-employment-proof|graduate|",
                ["To"] = $"{id}@bench.example.kz",
                ["Name"] = "Bench Graduate",
                ["Language"] = (i % 3) switch { 0 => "kk", 1 => "ru", _ => "en" },
            };
        });
        var written = 0;
        var reported = 0;
        foreach (var partition in rows.GroupBy(r => r.PartitionKey))
        {
            foreach (var chunk in partition.Chunk(100))
            {
                await table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)));
                written += chunk.Length;
                if (written - reported >= 20_000)
                {
                    reported = written;
                    Console.WriteLine($"  {written:N0} rows ({written / seed.Elapsed.TotalSeconds:N0}/s)");
                }
            }
        }

        Console.WriteLine($"seeded {written:N0} rows in {seed.Elapsed.TotalSeconds:N1} s");
        var run = services.GetRequiredService<RunReminders>();
        Console.WriteLine("running reminders");
        var watch = Stopwatch.StartNew();
        var result = await run.RunAsync(today, "benchmark", CancellationToken.None);
        watch.Stop();
        var ratio = (double)result.EntitiesRead / due;
        Console.WriteLine($"graduates={graduates} due={due} entitiesRead={result.EntitiesRead} sent={result.Sent} ratio={ratio:N3} wall={watch.Elapsed.TotalSeconds:N2}s ({result.Sent / watch.Elapsed.TotalSeconds:N0} reminders/s)");
        if (result.EntitiesRead > 1.1 * due || result.Sent != due)
        {
            Console.WriteLine($"FAIL: entities read must stay under 1.1 × due ({1.1 * due:N0}) and every due reminder must be sent once");
            return 1;
        }

        Console.WriteLine("ok: entities read stay under 1.1 × the reminders due");
        return 0;
    }
}
