using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Otrabotka.Domain;
using Otrabotka.Functions.Adapters;
using Otrabotka.Functions.Composition;
using Otrabotka.Functions.Notifications;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Benchmarks;

/// <summary>
/// A month of the pension feed on Azurite (issue 16): a registry of E employers imported through its chunked path,
/// G graduates seeded, a feed of R rows imported through the feed's chunked path (the blob trigger's start, then its
/// queue drained 16 messages at a time, as the Functions host's default batch), the e-mails dispatched by the real
/// dispatcher to a counting sender; then the same file again. Prints rows/s, the longest execution, storage calls
/// per row (counted by a pipeline policy on every client), this process's peak memory, the time to the last e-mail,
/// and the re-import's changes (must be 0).
/// </summary>
public static class FeedBenchmark
{
    /// <summary>The Functions host's default queue batch (its listener receives up to 16 messages a call).</summary>
    private const int BatchSize = 16;

    private const int Workers = 16;
    private const string FeedMonth = "2026-10";

    public static async Task<int> RunAsync(int rows, int graduates, int employers)
    {
        var counter = new StorageCallCounter();
        var sender = new CountingSender();
        var services = Services(counter, sender);
        var storage = services.GetRequiredService<StorageClients>();
        await storage.EnsureCreatedAsync();
        var jobs = services.GetRequiredService<FeedJobs>();
        var random = new Random(16);
        var bins = Bins(employers, random);
        Console.WriteLine($"pension feed: {rows:N0} rows, {graduates:N0} graduates, {employers:N0} registry entries");

        var registry = await ImportAsync(jobs, storage, counter, FeedFileKind.Registry, RegistryCsv(bins), employers, "registry import");
        var iins = await SeedGraduatesAsync(storage, services.GetRequiredService<IinIndexKeys>(), services.GetRequiredService<OperatorIndex>(), graduates, random);
        var feed = FeedCsv(rows, iins, bins, random);
        var first = await ImportAsync(jobs, storage, counter, FeedFileKind.Feed, feed, rows, "feed import", services, sender);
        var again = await ImportAsync(jobs, storage, counter, FeedFileKind.Feed, feed, rows, "feed re-import", services, sender);
        Console.WriteLine($"re-import changes: {again.Applied} (must be 0); e-mails sent by the re-import: {again.Mails}");
        Console.WriteLine($"peak memory of the process (the host's work runs in it): {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024:N0} MiB");
        var failed = registry.Applied != employers || first.Applied == 0 || again.Applied != 0 || again.Mails != 0 || first.Longest > TimeSpan.FromSeconds(60);
        return failed ? 1 : 0;
    }

    private sealed record Pass(int Applied, int Mails, TimeSpan Longest);

    private static async Task<Pass> ImportAsync(FeedJobs jobs, StorageClients storage, StorageCallCounter counter, FeedFileKind kind, string csv, int rows, string label,
        IServiceProvider? services = null, CountingSender? sender = null)
    {
        var callsBefore = counter.Total;
        counter.Times.Clear();
        var mailsBefore = sender?.Sent ?? 0;
        var started = TimeProvider.System.GetUtcNow();
        var watch = Stopwatch.StartNew();
        var start = await jobs.StartAsync(kind, new MemoryStream(Encoding.UTF8.GetBytes(csv)), false, Language.En, CancellationToken.None);
        var job = start.Job ?? throw new InvalidOperationException($"{label} refused: {start.Refused?.Code}");
        if (kind == FeedFileKind.Feed)
        {
            // What the feeds container's blob trigger does on the upload.
            await jobs.StartFromBlobAsync(storage.Container(StorageNames.FeedsContainer).GetBlobClient(job.ImportId + ".csv"), CancellationToken.None);
        }

        var dispatch = services?.GetRequiredService<DispatchNotification>();
        using var phases = new FeedExecutionProfile();
        var feedDrain = DrainAsync(storage.Queue(StorageNames.FeedQueue), jobs.HandleAsync);
        var mailDrain = dispatch is null ? Task.FromResult((TimeSpan.Zero, 0)) : DrainAsync(storage.Queue(StorageNames.DispatchQueue), dispatch.RunAsync, feedDrain);
        using var stop = new CancellationTokenSource();
        var progress = ProgressAsync(job.ImportId, watch, counter, stop.Token);
        var (longest, executions) = await feedDrain;
        var imported = watch.Elapsed;
        // Printed at once (before the wait for the e-mails): a long run stopped there still shows where its minute went.
        phases.Print(label);
        await stop.CancelAsync();
        await progress;
        await mailDrain;
        var status = (await jobs.StatusAsync(job.ImportId, CancellationToken.None))!;
        var calls = counter.Total - callsBefore;
        var mails = (sender?.Sent ?? 0) - mailsBefore;
        Console.WriteLine($"{label}: chunks={status.Chunks} read={status.RowsRead:N0} applied={status.Applied:N0} unchanged={status.Unchanged:N0} superseded={status.Superseded:N0} errors={status.ErrorCount:N0} done={status.Done}");
        Console.WriteLine($"  {rows / imported.TotalSeconds:N0} rows/s (imported in {imported.TotalSeconds:N1} s), {executions:N0} executions (plan, chunks and their continuations, stop sweep), longest execution {longest.TotalSeconds:N2} s, storage calls per row {(double)calls / rows:N2} ({calls:N0} incl. e-mail dispatch)");
        PrintKinds(counter, rows);
        if (sender is not null)
        {
            var last = sender.LastSentAt is { } at && mails > 0 ? $"{(at - started).TotalSeconds:N1} s after the upload" : "none sent";
            Console.WriteLine($"  e-mails sent: {mails:N0}; the last {last}");
        }

        return new Pass(status.Applied, mails, longest);
    }

    /// <summary>The pass's storage calls by kind (e-mail dispatch included), most first: where the calls per row go.</summary>
    private static void PrintKinds(StorageCallCounter counter, int rows)
    {
        Console.WriteLine("  storage calls by kind (count, per row, mean ms):");
        foreach (var kind in counter.Times.Snapshot().OrderByDescending(figures => figures.Count).Take(14))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {kind.Count,9:N0}  {(double)kind.Count / rows,6:N2}  {kind.MeanMs,7:N1}  {kind.Kind}"));
        }
    }

    /// <summary>
    /// Every 30 s while a pass runs: the rows its chunks have recorded so far (finished executions; a chunk's graduates
    /// in flight are not yet counted), the rate since the last line and the storage calls so far — so a run stopped by
    /// its time bound still shows how the rate moves as the store fills. Read with a client of its own (not counted).
    /// </summary>
    private static async Task ProgressAsync(string jobId, Stopwatch watch, StorageCallCounter counter, CancellationToken cancellationToken)
    {
        var jobs = new TableClient(Environment.GetEnvironmentVariable("AzureWebJobsStorage"), StorageNames.FeedJobsTable);
        var (lastRows, lastAt) = (0L, TimeSpan.Zero);
        var calls = counter.Total;
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
                long done = 0;
                await foreach (var row in jobs.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {jobId}"), cancellationToken: cancellationToken))
                {
                    done += (row.GetInt32("Applied") ?? 0) + (row.GetInt32("Unchanged") ?? 0) + (row.GetInt32("Superseded") ?? 0);
                }

                var at = watch.Elapsed;
                Console.WriteLine($"    [{at.TotalSeconds,5:N0} s] rows recorded {done:N0}; {(done - lastRows) / (at - lastAt).TotalSeconds:N1} rows/s since the last line; storage calls {counter.Total - calls:N0}");
                (lastRows, lastAt) = (done, at);
            }
        }
        catch (OperationCanceledException)
        {
            // The pass is done.
        }
    }

    /// <summary>
    /// Runs a queue's messages as the Functions host's queue listener does until the queue stays empty: it receives a
    /// batch of up to 16 messages in one call, runs them at once, receives the next batch when 8 or fewer are still
    /// running, deletes each message when its function is done, and when a receive finds nothing it waits longer
    /// before the next (100 ms doubling to 2 s; the host's ceiling is a minute in Azure). Returns the longest execution
    /// and how many ran. (Before, 16 loops each received one message at a time and polled an empty queue every 100 ms:
    /// a receive per message and ~160 empty receives a second per queue, counted as storage calls and, on Azurite, most
    /// of its time — each receive and delete re-sorts the emulator's whole message index.)
    /// </summary>
    /// <remarks>With <paramref name="after"/>, the queue is not left before that task is done (e-mails are queued while the feed runs).</remarks>
    private static async Task<(TimeSpan Longest, int Executions)> DrainAsync(Azure.Storage.Queues.QueueClient queue, Func<string, CancellationToken, Task> handle, Task? after = null)
    {
        var longest = TimeSpan.Zero;
        var executions = 0;
        var running = new List<Task>();
        var wait = TimeSpan.Zero;
        var idleSince = Stopwatch.StartNew();
        while (true)
        {
            foreach (var done in running.Where(t => t.IsCompleted).ToList())
            {
                await done;
                running.Remove(done);
            }

            if (running.Count > BatchSize / 2)
            {
                await Task.WhenAny(running);
                continue;
            }

            var batch = (await queue.ReceiveMessagesAsync(BatchSize - running.Count, TimeSpan.FromMinutes(5))).Value;
            if (batch.Length > 0)
            {
                wait = TimeSpan.Zero;
                idleSince.Restart();
                running.AddRange(batch.Select(message => RunAsync(message)));
                continue;
            }

            if (running.Count > 0)
            {
                await Task.WhenAny([.. running, Task.Delay(100)]);
                idleSince.Restart();
                continue;
            }

            if (idleSince.Elapsed > TimeSpan.FromSeconds(1.5) && after is not { IsCompleted: false })
            {
                return (longest, executions);
            }

            wait = wait == TimeSpan.Zero ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
            await Task.Delay(wait);
        }

        async Task RunAsync(Azure.Storage.Queues.Models.QueueMessage message)
        {
            await Task.Yield();
            var clock = Stopwatch.StartNew();
            await handle(message.Body.ToString(), CancellationToken.None);
            Interlocked.Increment(ref executions);
            lock (queue)
            {
                longest = clock.Elapsed > longest ? clock.Elapsed : longest;
            }

            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }
    }

    private static ServiceProvider Services(StorageCallCounter counter, CountingSender sender)
    {
        var connection = Environment.GetEnvironmentVariable("AzureWebJobsStorage") ?? throw new InvalidOperationException("AzureWebJobsStorage is not set (the bench script sets it).");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = connection,
            ["SendGrid:ApiKey"] = "bench",
            ["SendGrid:FromEmail"] = "bench@otrabotka.local",
            ["Otrabotka:PublicBaseUrl"] = "http://127.0.0.1:7071",
            ["Auth:SigningKey"] = "bench-signing-key-0123456789abcdef0123",
            ["Intake:EmployerLinkKey"] = "bench-employer-key-0123456789abcdef01",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddOtrabotka(configuration);
        services.AddSingleton(sp => new StorageClients(sp.GetRequiredService<StorageConnection>(), counter: counter));
        services.AddDevelopmentEnvironment();
        services.AddSingleton<IEmailSender>(sender);
        return services.BuildServiceProvider();
    }

    private static List<string> Bins(int count, Random random)
    {
        var bins = new HashSet<string>();
        while (bins.Count < count)
        {
            var first11 = $"{random.Next(0, 100_000_000):D8}{random.Next(0, 1000):D3}";
            if (TwelveDigit.CheckDigit(first11) is var check and >= 0)
            {
                bins.Add(first11 + check.ToString(CultureInfo.InvariantCulture));
            }
        }

        return [.. bins];
    }

    private static string RegistryCsv(List<string> bins)
    {
        var csv = new StringBuilder(string.Join(',', EmployerRegistryCsv.Columns) + "\n");
        foreach (var bin in bins)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{bin},\"ТОО «Бенч {bin[^5..]}»\",other,private,astana,city,,bench{bin[^5..]}.kz,МТСЗН РК,2026-10-01\n");
        }

        return csv.ToString();
    }

    /// <summary>Surnames and given names the seeded graduates are drawn from, so that the operators' name index spreads over many partitions as real names do.</summary>
    private static readonly string[] Surnames = ["Абенов", "Байжанов", "Габдуллин", "Дәулетов", "Ерланов", "Жақсыбеков", "Зейнуллин", "Ибраев", "Кенжебаев", "Қасымов", "Латыпов", "Мұратов", "Нұрланов", "Оспанов", "Өтегенов", "Пазылов", "Рахимов", "Сейітов", "Тоқтаров", "Уәлиев", "Ұзақов", "Файзуллин", "Хамитов", "Шәріпов", "Ыбыраев", "Әбілов", "Іскаков", "Есенов", "Бекмұхамбетов", "Айтбаев", "Сәрсенбаев", "Төлеуов", "Жұмабаев", "Қуанышев", "Мамыров", "Нысанбаев", "Оразов", "Тұрсынов", "Шаяхметов", "Әлімжанов"];

    private static readonly string[] GivenNames = ["Айгерім", "Бауыржан", "Гүлнар", "Данияр", "Ерлан", "Жанар", "Зарина", "Ильяс", "Кәмила", "Қайрат", "Ләззат", "Мадина", "Нұрлан", "Оралхан", "Өмірзақ", "Перизат", "Руслан", "Салтанат", "Тимур", "Ұлжан", "Фарида", "Хадиша", "Шынар", "Ырысбек", "Әсел", "Іңкәр", "Арман", "Балжан", "Дина", "Еркебұлан", "Жасұлан", "Кенжебек", "Меруерт", "Нұргүл", "Сәуле", "Талғат", "Ақбота", "Бекзат", "Гаухар", "Мирас"];

    /// <summary>
    /// Profiles and IIN index rows written directly (the graduate import is benchmarked on its own), then the operators'
    /// index and counters as an import's batch sync writes them — so the feed's first change of each graduate moves an
    /// existing membership, as it does for graduates imported before their first feed.
    /// </summary>
    private static async Task<List<string>> SeedGraduatesAsync(StorageClients storage, IinIndexKeys keys, OperatorIndex operators, int count, Random random)
    {
        var watch = Stopwatch.StartNew();
        var iins = new HashSet<string>();
        while (iins.Count < count)
        {
            var birth = new DateOnly(1995, 1, 1).AddDays(random.Next(0, 3000));
            var first11 = $"{birth:yyMMdd}3{random.Next(0, 10000):D4}";
            if (TwelveDigit.CheckDigit(first11) is var check and >= 0)
            {
                iins.Add(first11 + check.ToString(CultureInfo.InvariantCulture));
            }
        }

        var list = iins.ToList();
        var graduates = storage.Table(StorageNames.GraduatesTable);
        var index = new ConcurrentDictionary<string, ConcurrentBag<TableEntity>>(StringComparer.Ordinal);
        var records = new ConcurrentBag<GraduateRecord>();
        await Parallel.ForEachAsync(list, new ParallelOptions { MaxDegreeOfParallelism = Workers }, async (iin, ct) =>
        {
            var id = GraduateStore.NewId('g');
            var name = $"{Surnames[(iin[7] - '0') * 4 % Surnames.Length + (iin[9] - '0') % 4]} {GivenNames[((iin[8] - '0') * 4 + (iin[10] - '0')) % GivenNames.Length]}";
            var record = new GraduateRecord(id, iin, name, $"{iin}@bench.example.kz", Language.Kk,
                new Obligation(Category.StateOrderOther, Level.Bachelor, SpecialtyGroup.Technical, new DateOnly(2025, 6, 20), 2021, 2_500_000m, null, null), "Университет", TimeProvider.System.GetUtcNow(), "bench");
            await graduates.UpsertEntityAsync(GraduateStore.ToEntity(record), TableUpdateMode.Replace, ct);
            records.Add(record);
            var (partition, row) = keys.For(iin); // the IIN index's keys, as the services read them (HMAC, development key)
            index.GetOrAdd(partition, _ => []).Add(new TableEntity(partition, row) { ["GraduateId"] = id, ["ImportHash"] = "bench" });
        });
        var iinIndex = storage.Table(StorageNames.IinIndexTable);
        foreach (var batch in index.Values.SelectMany(bag => bag.Chunk(100)))
        {
            await iinIndex.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)));
        }

        Console.WriteLine($"seeded {count:N0} graduates' profiles and IIN index in {watch.Elapsed.TotalSeconds:N1} s");
        foreach (var batch in records.Chunk(2_000))
        {
            await operators.SyncNewAsync(batch, CancellationToken.None);
        }

        Console.WriteLine($"  and their operators' index and counters: {watch.Elapsed.TotalSeconds:N1} s in all");
        return list;
    }

    /// <summary>One row per graduate for the month, a second (the month before) for the first R − G; 2 % at BINs the registry does not know.</summary>
    private static string FeedCsv(int rows, List<string> iins, List<string> bins, Random random)
    {
        var csv = new StringBuilder("iin,employerBin,employerName,employerAddress,katoCode,month,contributionPaid\n");
        var unknown = Bins(Math.Max(1, bins.Count / 50), new Random(61));
        for (var i = 0; i < rows; i++)
        {
            var iin = iins[i % iins.Count];
            var bin = random.Next(0, 50) == 0 ? unknown[random.Next(unknown.Count)] : bins[random.Next(bins.Count)];
            var month = i < iins.Count ? FeedMonth : "2026-09";
            csv.Append(CultureInfo.InvariantCulture, $"{iin},{bin},\"ТОО «Бенч»\",\"г. Астана\",,{month},true\n");
        }

        return csv.ToString();
    }

    /// <summary>Takes every e-mail as sent, counting them and noting when the last one went.</summary>
    private sealed class CountingSender : IEmailSender
    {
        private int sent;

        public int Sent => Volatile.Read(ref sent);

        public DateTimeOffset? LastSentAt { get; private set; }

        public Task<EmailResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref sent);
            LastSentAt = TimeProvider.System.GetUtcNow();
            return Task.FromResult(new EmailResult(EmailOutcome.Sent, 202, Guid.NewGuid().ToString("N"), null));
        }
    }
}
