using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Otrabotka.Domain;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Benchmarks;

/// <summary>
/// CSV import of N graduates on Azurite through the import route's use case, then the same file again. Above the
/// inline bound the file becomes a job: the benchmark drains its queue with as many workers as the Functions
/// host's default queue batch (16), times every execution, and prints rows/s, the longest execution, the
/// storage writes per row, and — at the same table size — the raw rate of single upserts for comparison.
/// </summary>
public static class ImportBenchmark
{
    /// <summary>Concurrent queue workers and raw writers. Parallel.ForEachAsync's default is one per core (2 here):
    /// the figures measured before 26 Nov 05:00 UTC ran 2 chunks at a time, not 16.</summary>
    private const int Workers = 16;
    private const int RawCount = 3000;
    private static readonly TimeSpan RawSeconds = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan QuietPeriod = TimeSpan.FromSeconds(2);

    public static async Task<int> RunAsync(int rows)
    {
        var services = ReminderRunBenchmark.Services();
        var storage = services.GetRequiredService<StorageClients>();
        await storage.EnsureCreatedAsync();
        var chunkRows = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Otrabotka.Functions.Configuration.ImportSettings>>().Value;
        if (int.TryParse(Environment.GetEnvironmentVariable("BENCH_IMPORT_CHUNK_ROWS"), System.Globalization.CultureInfo.InvariantCulture, out var rowsPerChunk))
        {
            // As Import__ChunkRows would set it on the host.
            chunkRows.ChunkRows = rowsPerChunk;
        }

        if (double.TryParse(Environment.GetEnvironmentVariable("BENCH_IMPORT_CHUNK_SECONDS"), System.Globalization.CultureInfo.InvariantCulture, out var chunkSeconds))
        {
            // As Import__ChunkSeconds would set it on the host.
            chunkRows.ChunkSeconds = chunkSeconds;
        }

        Console.WriteLine($"Import__ChunkRows = {chunkRows.ChunkRows} (BENCH_IMPORT_CHUNK_ROWS sets it), Import__ChunkSeconds = {chunkRows.ChunkSeconds} (BENCH_IMPORT_CHUNK_SECONDS), {Workers} chunks at a time");
        var bytes = Encoding.UTF8.GetBytes(Csv(rows));
        var startImport = services.GetRequiredService<StartImport>();
        var step = services.GetRequiredService<RunImportStep>();
        var readStatus = services.GetRequiredService<ReadImportStatus>();
        var failed = false;
        var budget = double.TryParse(Environment.GetEnvironmentVariable("BENCH_IMPORT_BUDGET_SECONDS"), System.Globalization.CultureInfo.InvariantCulture, out var seconds) ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        var passes = Environment.GetEnvironmentVariable("BENCH_IMPORT_REIMPORT") == "0" ? new[] { "first import" } : new[] { "first import", "re-import (unchanged)" };
        foreach (var pass in passes)
        {
            Console.WriteLine($"{pass}: {rows:N0} rows ({bytes.Length / 1024:N0} KiB)");
            var callsBefore = storage.Counter.Total;
            var started = Stopwatch.GetTimestamp();
            var start = await startImport.RunAsync(new MemoryStream(bytes), Language.En, CancellationToken.None);
            if (start.Result is { } inline)
            {
                var inlineWall = Stopwatch.GetElapsedTime(started);
                Console.WriteLine($"  inline: created={inline.Created} unchanged={inline.Unchanged} errors={inline.Errors.Count} wall={inlineWall.TotalSeconds:N1}s ({rows / inlineWall.TotalSeconds:N0} rows/s)");
                continue;
            }

            using var profile = new ImportProfile();
            var (azuriteBefore, ownBefore) = (ProcessCpu.Azurite(), Environment.CpuUsage.TotalTime);
            var (allocatedBefore, gen0Before, gen2Before) = (GC.GetTotalAllocatedBytes(), GC.CollectionCount(0), GC.CollectionCount(2));
            var (longest, finished, executions) = await DrainAsync(step, started, budget);
            var wall = Stopwatch.GetElapsedTime(started, finished);
            var status = (await readStatus.RunAsync(start.Job!.ImportId, CancellationToken.None))!;
            var writes = await WritesAsync(storage, status.ImportId);
            Console.WriteLine($"  job: chunks={status.Chunks} executions={executions} (the plan's included; a chunk out of its time budget runs again) registered={status.Registered} unchanged={status.Unchanged} conflicts={status.Conflicts} errors={status.ErrorCount} done={status.Done}");
            Console.WriteLine($"  wall={wall.TotalSeconds:N1}s ({rows / wall.TotalSeconds:N0} rows/s), longest execution {longest.TotalSeconds:N2}s, storage writes per row {(double)writes / rows:N3} ({writes:N0} transactions/writes incl. chunk records)");
            Console.WriteLine($"  storage calls (pipeline counter, every try, reads included) {storage.Counter.Total - callsBefore:N0} = {(double)(storage.Counter.Total - callsBefore) / rows:N3} per row");
            Console.WriteLine($"  CPU during the pass: Azurite {(ProcessCpu.Azurite() - azuriteBefore).TotalSeconds:N1} s, the import's process {(Environment.CpuUsage.TotalTime - ownBefore).TotalSeconds:N1} s, over {wall.TotalSeconds:N1} s of wall time (2 cores); the import's process allocated {(GC.GetTotalAllocatedBytes() - allocatedBefore) / 1048576.0:N0} MiB, {GC.CollectionCount(0) - gen0Before} gen-0 and {GC.CollectionCount(2) - gen2Before} gen-2 collections, GC paused {GC.GetTotalPauseDuration().TotalSeconds:N1} s since start");
            profile.Print();
            failed |= !status.Done || longest > TimeSpan.FromSeconds(60) || status.Registered + status.Unchanged != rows;
            if (!status.Done)
            {
                // Stopped by BENCH_IMPORT_BUDGET_SECONDS: the rate is over the rows registered so far; no re-import of a file half in.
                Console.WriteLine($"  stopped after the {budget?.TotalSeconds:N0} s budget (BENCH_IMPORT_BUDGET_SECONDS): {status.Registered:N0} of {rows:N0} rows registered, {status.Registered / wall.TotalSeconds:N0} rows/s over them, {(double)writes / Math.Max(1, status.Registered):N3} writes and {(double)(storage.Counter.Total - callsBefore) / Math.Max(1, status.Registered):N3} calls per row registered");
                break;
            }
        }

        await RawReferencesAsync(storage);
        return failed ? 1 : 0;
    }

    private static string Csv(int rows)
    {
        var csv = new StringBuilder("iin,fullName,email,language,category,level,specialtyGroup,graduationDate,admissionYear,budgetCost,university\n");
        var random = new Random(7);
        var seen = new HashSet<string>();
        for (var made = 0; made < rows;)
        {
            var birth = new DateOnly(1990, 1, 1).AddDays(random.Next(0, 5000));
            var first11 = $"{birth:yyMMdd}{(birth.Year >= 2000 ? 5 : 3)}{random.Next(0, 10000):D4}";
            var check = TwelveDigit.CheckDigit(first11);
            if (check < 0 || !seen.Add(first11))
            {
                continue;
            }

            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{first11}{check},Graduate {made},g{made}@bench.example.kz,kk,state-order-other,bachelor,technical,2026-06-20,2022,2500000,University\n");
            made++;
        }

        return csv.ToString();
    }

    /// <summary>
    /// Runs the import queue's messages as the host would (16 at a time) until the queue is empty, no message is
    /// running and nothing has happened for two seconds (a worker that finds the queue empty while the plan is still
    /// cutting the file waits, as the host's listener does); returns the longest execution and when the last one ended.
    /// The queue is polled through a client of its own, as the host's listener does, so the polling is not counted
    /// among the import's storage calls (its own messages — the plan's chunk messages — are).
    /// </summary>
    private static async Task<(TimeSpan Longest, long Finished, int Executions)> DrainAsync(RunImportStep step, long started, TimeSpan? budget)
    {
        var connection = Environment.GetEnvironmentVariable("AzureWebJobsStorage")!;
        var queue = new Azure.Storage.Queues.QueueClient(connection, StorageNames.ImportQueue, new Azure.Storage.Queues.QueueClientOptions { MessageEncoding = Azure.Storage.Queues.QueueMessageEncoding.Base64 });
        var longest = TimeSpan.Zero;
        var running = 0;
        var executions = 0;
        var lastActivity = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(Enumerable.Range(0, Workers), new ParallelOptions { MaxDegreeOfParallelism = Workers }, async (_, ct) =>
        {
            while (budget is not { } limit || Stopwatch.GetElapsedTime(started) < limit)
            {
                var message = (await queue.ReceiveMessageAsync(TimeSpan.FromMinutes(5), ct)).Value;
                if (message is null)
                {
                    if (Volatile.Read(ref running) == 0 && Stopwatch.GetElapsedTime(Interlocked.Read(ref lastActivity)) > QuietPeriod)
                    {
                        return;
                    }

                    await Task.Delay(100, ct);
                    continue;
                }

                Interlocked.Increment(ref running);
                Interlocked.Increment(ref executions);
                var clock = Stopwatch.StartNew();
                await step.RunAsync(message.Body.ToString(), ct);
                clock.Stop();
                lock (queue)
                {
                    longest = clock.Elapsed > longest ? clock.Elapsed : longest;
                }

                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
                Interlocked.Exchange(ref lastActivity, Stopwatch.GetTimestamp());
                Interlocked.Decrement(ref running);
            }
        });
        return (longest, Interlocked.Read(ref lastActivity), executions);
    }

    /// <summary>The registrar's own count of write calls per chunk, plus the chunk's plan and result records and the messages re-queueing a chunk.</summary>
    private static async Task<long> WritesAsync(StorageClients storage, string jobId)
    {
        long writes = 0;
        await foreach (var chunk in storage.Table(StorageNames.ImportJobsTable).QueryAsync<TableEntity>(e => e.PartitionKey == jobId && e.RowKey != ImportJobs.JobKey))
        {
            // One record per execution of the chunk (and the re-queueing of the rest when its time budget ran out).
            var executions = Math.Max(1, chunk.GetInt32("Executions") ?? 1);
            writes += (chunk.GetInt32("Writes") ?? 0) + executions + (executions - 1);
        }

        return writes;
    }

    /// <summary>
    /// Raw references in the graduates table after the import (the same table size), at the same concurrency: single
    /// upserts with a row key of their own, single inserts with the old shared profile row key, a two-entity transaction of
    /// a profile row and a plan row in a partition of its own with the old shared row keys, and the same transaction with
    /// row keys of its own — the import's own kind of write since ADR 0022. Each runs for at most <see cref="RawCount"/> writes or <see cref="RawSeconds"/>.
    /// </summary>
    private static async Task RawReferencesAsync(StorageClients storage)
    {
        var table = storage.Table(StorageNames.GraduatesTable);
        var run = Guid.NewGuid().ToString("N")[..8];
        TableTransactionAction Add(string partition, string row, int value) => new(TableTransactionActionType.Add, new TableEntity(partition, row) { ["Value"] = value });
        var unique = await RateAsync((i, ct) => table.UpsertEntityAsync(new TableEntity($"raw{run}u{i:D6}", $"raw{run}{i:D6}") { ["Value"] = i }, TableUpdateMode.Replace, ct));
        var profileKey = await RateAsync((i, ct) => table.AddEntityAsync(new TableEntity($"raw{run}p{i:D6}", GraduateStore.LegacyProfileKey) { ["Value"] = i }, ct));
        var pairs = await RateAsync((i, ct) => table.SubmitTransactionAsync([Add($"raw{run}t{i:D6}", GraduateStore.LegacyProfileKey, i), Add($"raw{run}t{i:D6}", GraduateStore.LegacyPlanKey, i)], ct));
        var ownKeys = await RateAsync((i, ct) => table.SubmitTransactionAsync([Add($"raw{run}k{i:D6}", $"p{run}{i:D6}", i), Add($"raw{run}k{i:D6}", $"q{run}{i:D6}", i)], ct));
        Console.WriteLine($"raw references at this table size ({Workers} concurrent):");
        Console.WriteLine($"  single upserts, a row key of their own:                    {unique:N0}/s");
        Console.WriteLine($"  single inserts with the old shared profile row key:         {profileKey:N0}/s");
        Console.WriteLine($"  profile + plan transactions, the old shared row keys:       {pairs:N0}/s");
        Console.WriteLine($"  the same with row keys of their own (the import's write):   {ownKeys:N0}/s");
        await ImportRowsAsIsAsync(storage, run);
    }

    /// <summary>
    /// The import's own rows as it stored them, written again raw at the same concurrency: a registered graduate's live
    /// rows (profile and plan, every property) copied to a partition of their own in one transaction, as the import's
    /// profiles phase writes them; and the operators' index rows in transactions of 100, as its index phase does. What
    /// the import's writes cost on this machine without the rest of the import (claims, counters, chunk records).
    /// </summary>
    private static async Task ImportRowsAsIsAsync(StorageClients storage, string run)
    {
        var graduates = new List<TableEntity[]>();
        await foreach (var page in storage.Table(StorageNames.GraduatesTable).QueryAsync<TableEntity>(e => e.PartitionKey.CompareTo("raw") < 0, maxPerPage: 1000).AsPages())
        {
            graduates.AddRange(page.Values.GroupBy(e => e.PartitionKey).Select(g => g.ToArray()));
            break;
        }

        var indexRows = new List<TableEntity>();
        await foreach (var page in storage.Table(StorageNames.OperatorIndexTable).QueryAsync<TableEntity>(maxPerPage: 1000).AsPages())
        {
            indexRows.AddRange(page.Values);
            break;
        }

        if (graduates.Count < 2 || indexRows.Count < 100)
        {
            return;
        }

        static TableTransactionAction Copy(TableEntity entity, string partition, TableTransactionActionType kind)
        {
            var copy = new TableEntity(entity) { PartitionKey = partition, RowKey = entity.RowKey };
            copy.Remove("odata.etag");
            copy.Remove("Timestamp");
            copy.ETag = default;
            return new TableTransactionAction(kind, copy);
        }

        var table = storage.Table(StorageNames.GraduatesTable);
        var index = storage.Table(StorageNames.OperatorIndexTable);
        var whole = graduates[..^1]; // the page's last partition may be cut
        var profileTransactions = await RateAsync((i, ct) =>
            table.SubmitTransactionAsync(whole[i % whole.Count].Select(e => Copy(e, $"raw{run}g{i:D6}", TableTransactionActionType.Add)), ct));
        var indexTransactions = await RateAsync((i, ct) =>
            index.SubmitTransactionAsync(indexRows.Take(100).Select(e => Copy(e, $"raw{run}x{i:D6}", TableTransactionActionType.UpsertReplace)), ct));
        Console.WriteLine($"  the import's profile transaction as stored ({whole.Average(g => g.Length):N1} rows, every property): {profileTransactions:N0}/s");
        Console.WriteLine($"  the operators' index rows as stored, 100 a transaction:   {indexTransactions * 100:N0} rows/s ({indexTransactions:N0} transactions/s)");
    }

    private static async Task<double> RateAsync(Func<int, CancellationToken, Task> write)
    {
        var next = -1;
        var written = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, Workers), new ParallelOptions { MaxDegreeOfParallelism = Workers }, async (_, ct) =>
        {
            while (clock.Elapsed < RawSeconds && Interlocked.Increment(ref next) is var i && i < RawCount)
            {
                await write(i, ct);
                Interlocked.Increment(ref written);
            }
        });
        return written / clock.Elapsed.TotalSeconds;
    }
}
