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
/// row in the due index (the not-due ones on later dates); the run must read only due graduates: the index's entities
/// under 1.1 × M, and each due reminder's graduate's live rows once (issue 12: every entity read is counted).
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

    /// <summary>The live rows each due graduate's partition holds: the profile, the plan and the plan's stamp row.</summary>
    private const int LiveRowsPerGraduate = 3;

    public static async Task<int> RunAsync(int graduates, int due)
    {
        var services = Services();
        var storage = services.GetRequiredService<StorageClients>();
        await storage.EnsureCreatedAsync();
        var table = storage.Table(StorageNames.ReminderDueTable);
        var planned = Almaty.Today(TimeProvider.System);

        // A due graduate is stored as an import stores one — the profile, the plan and its stamp row in one transaction,
        // the plan and the due row from the app's own planner (ReminderPlanner.Initial: no-proof reminders from the
        // obligation's start), its operators' index rows and membership — with the status snapshot of an already synced
        // graduate (the ledger's status today), so a run's replan and snapshot find nothing to change. The run's date is
        // the day the first reminders fall due.
        var dueRows = Enumerable.Range(0, due).Select(i => (Record: Record(i, planned), Index: i)).Select(g => (g.Record, Initial: ReminderPlanner.Initial(g.Record, planned))).ToList();
        var today = dueRows.Count == 0 ? new DateOnly(2027, 9, 1) : dueRows.Max(g => g.Initial.Due!.DueOn);
        Console.WriteLine($"seeding the due index: {graduates:N0} graduates, {due:N0} due on {today:yyyy-MM-dd} (profile, plan and stamp rows in each due graduate's partition)");
        var seed = Stopwatch.StartNew();

        // A not-due graduate has only its due row, at a later date (never read: a run reads only the rows due).
        DueRow NotDue(int i)
        {
            var id = $"g{i:D8}";
            var first = today.AddDays(1 + (i % 540));
            DueReminder Step(DateOnly on, int offset) =>
                new(on, $"{id}|no-proof|{today:yyyy-MM-dd}+{offset}", id, ReminderKind.NoEmploymentProof, Recipient.Graduate, null, $"{id}@bench.example.kz", "Bench Graduate", Language.Ru);
            return DueRow.Of(id, ReminderPlanner.InitialStamp + id, [Step(first, 0), Step(first.AddDays(30), 30)])!;
        }

        var rows = dueRows.Select(g => g.Initial.Due!).Concat(Enumerable.Range(due, Math.Max(0, graduates - due)).Select(NotDue)).Select(ReminderDueStore.ToEntity);
        var plans = storage.Table(StorageNames.GraduatesTable);
        await Parallel.ForEachAsync(dueRows, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (g, token) =>
        {
            var entities = ReminderDueStore.InitialRows(g.Record.Id, g.Initial.Plan).Prepend(GraduateStore.ToEntity(g.Record));
            await plans.SubmitTransactionAsync(entities.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), token);
        });
        Console.WriteLine($"  {due:N0} due graduates' profiles and plans ({due / seed.Elapsed.TotalSeconds:N0}/s)");

        // The operators' index and counters, as an import's batch sync writes them (a synced graduate's membership).
        foreach (var batch in dueRows.Select(g => g.Record).Chunk(2_000))
        {
            await services.GetRequiredService<OperatorIndex>().SyncNewAsync(batch, CancellationToken.None);
        }

        Console.WriteLine($"  their operators' index and counters ({seed.Elapsed.TotalSeconds:N1} s so far)");
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
        return await RunAndCheckAsync(services, storage, today, graduates, due);
    }

    /// <summary>A due graduate: graduated on 20 June 2027, so the no-proof reminders start on the obligation's first day.</summary>
    private static GraduateRecord Record(int i, DateOnly today)
    {
        var language = (i % 3) switch { 0 => Language.Kk, 1 => Language.Ru, _ => Language.En };
        var obligation = new Obligation(Category.StateOrderOther, Level.Bachelor, SpecialtyGroup.Technical, new DateOnly(2027, 6, 20), 2023, 2_500_000m, null, null);
        var record = new GraduateRecord($"g{i:D8}", $"9{i:D11}", "Bench Graduate", $"g{i:D8}@bench.example.kz", language, obligation, "Университет", DateTimeOffset.UnixEpoch, "bench");
        return record with { Status = GraduateLedger.Compute(record, [], today).Status };
    }

    /// <summary>
    /// Runs the reminders of the date and checks what the issue asks: every due reminder sent once, no execution over 60 s,
    /// and reads of due graduates only — the index's entities (the due rows, the decision's read, markers) under 1.1 × due,
    /// at most one read of a graduate's live rows per reminder, and those reads answering only the live rows seeded.
    /// </summary>
    private static async Task<int> RunAndCheckAsync(ServiceProvider services, StorageClients storage, DateOnly today, int graduates, int due)
    {
        var startRun = services.GetRequiredService<StartReminderRun>();
        var step = services.GetRequiredService<RunReminderStep>();
        var readStatus = services.GetRequiredService<ReadReminderRunStatus>();
        var settings = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Otrabotka.Functions.Configuration.ReminderRunSettings>>().Value;
        Console.WriteLine($"running reminders (inline up to {settings.InlineLimit:N0} due; chunks of {settings.ChunkSize:N0}, paced to {settings.SendRatePerSecond:N0}/s, {settings.ChunkSeconds:N0} s per execution at most)");
        var watch = Stopwatch.StartNew();
        var callsBefore = storage.Counter.Total;
        var start = await startRun.RunAsync(today, "benchmark", CancellationToken.None);
        int read, indexRead, graduatesRead, rowsRead, sent, executions = 1;
        var longest = watch.Elapsed;
        if (start.Result is { } inline)
        {
            (read, indexRead, graduatesRead, rowsRead, sent) = (inline.EntitiesRead, inline.DueRowsRead, inline.GraduatesRead, inline.RowsRead, inline.Sent);
        }
        else
        {
            (longest, executions) = await DrainAsync(step, longest, () => readStatus.RunAsync(start.Run!.RunId, CancellationToken.None));
            var status = (await readStatus.RunAsync(start.Run!.RunId, CancellationToken.None))!;
            (read, indexRead, graduatesRead, rowsRead, sent) = (status.EntitiesRead, status.IndexRead, status.GraduatesRead, status.RowsRead, status.Sent);
            Console.WriteLine($"run: chunks={status.Chunks} due={status.Due} sent={status.Sent} skipped={status.Skipped} failed={status.Failed} superseded={status.Superseded} done={status.Done}");
        }

        watch.Stop();
        var calls = storage.Counter.Total - callsBefore;
        var markers = await MarkersAsync(storage);
        Console.WriteLine($"graduates={graduates} due={due} sent={sent} markers={markers} executions={executions} longest={longest.TotalSeconds:N2}s wall={watch.Elapsed.TotalSeconds:N2}s ({sent / watch.Elapsed.TotalSeconds:N0} reminders/s)");
        Console.WriteLine($"entities read, every one: {read:N0} = {(double)read / Math.Max(1, due):N3} × due; of them the index's (due rows, decision, markers) {indexRead:N0} = {(double)indexRead / Math.Max(1, due):N3} × due, "
            + $"and the graduates' live rows {rowsRead:N0} in {graduatesRead:N0} reads ({(double)rowsRead / Math.Max(1, graduatesRead):N2} a graduate; {(double)graduatesRead / Math.Max(1, due):N3} reads × due)");
        Console.WriteLine($"storage calls during the run (pipeline counter, every try, reads included; the benchmark's queue polling excluded): {calls:N0} = {(double)calls / Math.Max(1, sent):N2} per reminder sent");
        var readsOnlyDue = indexRead <= 1.1 * due && graduatesRead <= due && rowsRead <= LiveRowsPerGraduate * graduatesRead && read == indexRead + rowsRead;
        if (!readsOnlyDue || sent != due || markers != due || longest > TimeSpan.FromSeconds(60))
        {
            Console.WriteLine($"FAIL: the index's entities read must stay under 1.1 × due ({1.1 * due:N0}), each due reminder read its graduate's {LiveRowsPerGraduate} live rows at most once, "
                + "every due reminder must be sent once, and no execution may pass 60 s");
            return 1;
        }

        Console.WriteLine($"ok: only due graduates read (index entities ≤ 1.1 × due, one read of ≤ {LiveRowsPerGraduate} live rows per reminder), each sent once, no execution over 60 s");
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
