using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Otrabotka.Domain;
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
            ["Reminders:SendRatePerSecond"] = Environment.GetEnvironmentVariable("BENCH_SEND_RATE") ?? "10000",
            ["Reminders:InlineLimit"] = Environment.GetEnvironmentVariable("BENCH_INLINE_LIMIT") ?? "1000",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddOtrabotka(configuration);
        services.AddDevelopmentEnvironment();
        return services.BuildServiceProvider();
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
        // One row a graduate (ADR 0020): its pending no-proof steps, the first due on the run date or within the 10 days
        // before it (caught up) for the due ones, later for the rest; a due graduate's row holds a second step 30 days
        // on, so the run moves each row on. A due graduate's partition holds the plan and its stamp row, which the run
        // checks (a not-due graduate's is never read); like an import's, the stamp names the graduate (ADR 0022).
        DueRow RowOf(int i)
        {
            var first = i < due ? today.AddDays(-(i % 10)) : today.AddDays(1 + (i % 540));
            var id = $"g{i:D8}";
            var language = (i % 3) switch { 0 => Language.Kk, 1 => Language.Ru, _ => Language.En };
            DueReminder Step(DateOnly on, int offset) =>
                new(on, $"{id}|no-proof|2027-09-01+{offset}", id, ReminderKind.NoEmploymentProof, Recipient.Graduate, null, $"{id}@bench.example.kz", "Bench Graduate", language);
            return DueRow.Of(id, ReminderPlanner.InitialStamp + id, [Step(first, i % 4 * 30), Step(first.AddDays(30), (i % 4 * 30) + 30)])!;
        }

        var rows = Enumerable.Range(0, graduates).Select(i => ReminderDueStore.ToEntity(RowOf(i)));
        var plans = storage.Table(StorageNames.GraduatesTable);
        await Parallel.ForEachAsync(Enumerable.Range(0, due), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, token) =>
        {
            var row = RowOf(i);
            var entries = row.Reminders.Select(r => ReminderDueStore.Entry(r.DueOn, r.Key)).ToList();
            var plan = new ReminderPlan(entries, null, entries, row.DueOn, row.Stamp);
            await plans.SubmitTransactionAsync(ReminderDueStore.InitialRows(row.GraduateId, plan).Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), token);
        });
        Console.WriteLine($"  {due:N0} due graduates' plans ({due / seed.Elapsed.TotalSeconds:N0}/s)");
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
        var startRun = services.GetRequiredService<StartReminderRun>();
        var step = services.GetRequiredService<RunReminderStep>();
        var readStatus = services.GetRequiredService<ReadReminderRunStatus>();
        var settings = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Otrabotka.Functions.Configuration.ReminderRunSettings>>().Value;
        Console.WriteLine($"running reminders (inline up to {settings.InlineLimit:N0} due; chunks of {settings.ChunkSize:N0}, paced to {settings.SendRatePerSecond:N0}/s, {settings.ChunkSeconds:N0} s per execution at most)");
        var watch = Stopwatch.StartNew();
        var callsBefore = storage.Counter.Total;
        var start = await startRun.RunAsync(today, "benchmark", CancellationToken.None);
        int read, sent, executions = 1;
        var longest = watch.Elapsed;
        if (start.Result is { } inline)
        {
            (read, sent) = (inline.EntitiesRead, inline.Sent);
        }
        else
        {
            (longest, executions) = await DrainAsync(step, longest, () => readStatus.RunAsync(start.Run!.RunId, CancellationToken.None));
            var status = (await readStatus.RunAsync(start.Run!.RunId, CancellationToken.None))!;
            (read, sent) = (status.EntitiesRead, status.Sent);
            Console.WriteLine($"run: chunks={status.Chunks} due={status.Due} sent={status.Sent} skipped={status.Skipped} failed={status.Failed} superseded={status.Superseded} done={status.Done}");
        }

        watch.Stop();
        var calls = storage.Counter.Total - callsBefore;
        var markers = await MarkersAsync(storage);
        var ratio = (double)read / due;
        Console.WriteLine($"graduates={graduates} due={due} entitiesRead={read} sent={sent} markers={markers} ratio={ratio:N3} executions={executions} longest={longest.TotalSeconds:N2}s wall={watch.Elapsed.TotalSeconds:N2}s ({sent / watch.Elapsed.TotalSeconds:N0} reminders/s)");
        Console.WriteLine($"storage calls during the run (pipeline counter, every try, reads included; the benchmark's queue polling excluded): {calls:N0} = {(double)calls / Math.Max(1, sent):N2} per reminder sent");
        if (read > 1.1 * due || sent != due || markers != due || longest > TimeSpan.FromSeconds(60))
        {
            Console.WriteLine($"FAIL: entities read must stay under 1.1 × due ({1.1 * due:N0}), every due reminder must be sent once, and no execution may pass 60 s");
            return 1;
        }

        Console.WriteLine("ok: entities read stay under 1.1 × the reminders due, each sent once, no execution over 60 s");
        return 0;
    }

    /// <summary>
    /// Runs the run's queue messages one after another as the host would, timing each; returns the longest and the count.
    /// The queue is polled through a client of its own, as the host's listener does, so the polling is not counted among
    /// the run's storage calls (the run's own messages are).
    /// </summary>
    private static async Task<(TimeSpan Longest, int Executions)> DrainAsync(RunReminderStep step, TimeSpan longest, Func<Task<ReminderRunStatus?>> status)
    {
        var connection = Environment.GetEnvironmentVariable("AzureWebJobsStorage")!;
        var queue = new Azure.Storage.Queues.QueueClient(connection, StorageNames.ReminderRunQueue, new Azure.Storage.Queues.QueueClientOptions { MessageEncoding = Azure.Storage.Queues.QueueMessageEncoding.Base64 });
        var executions = 1;
        var wall = Stopwatch.StartNew();
        for (var idle = 0; idle < 20;)
        {
            var message = (await queue.ReceiveMessageAsync(TimeSpan.FromMinutes(5))).Value;
            if (message is null)
            {
                idle++;
                await Task.Delay(100);
                continue;
            }

            idle = 0;
            var clock = Stopwatch.StartNew();
            await step.RunAsync(message.Body.ToString(), CancellationToken.None);
            longest = clock.Elapsed > longest ? clock.Elapsed : longest;
            executions++;
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            if (executions % 10 == 0)
            {
                // Progress for a long run (printed between executions, outside the timed ones).
                var now = await status();
                Console.WriteLine($"  {executions:N0} executions in {wall.Elapsed.TotalSeconds:N0} s, the last {clock.Elapsed.TotalSeconds:N1} s, the longest {longest.TotalSeconds:N1} s; sent {now?.Sent:N0} of {now?.Due:N0}");
            }
        }

        return (longest, executions);
    }

    /// <summary>Sent markers in the graduates table: one per reminder sent, whoever sent it.</summary>
    private static async Task<int> MarkersAsync(StorageClients storage)
    {
        var count = 0;
        await foreach (var _ in storage.Table(StorageNames.GraduatesTable).QueryAsync<TableEntity>($"RowKey ge '{RunReminders.MarkerPrefix}' and RowKey lt 'rem}}'", select: ["RowKey"]))
        {
            count++;
        }

        return count;
    }
}
