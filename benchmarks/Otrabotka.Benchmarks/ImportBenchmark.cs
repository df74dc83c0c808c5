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
    private const int Workers = 16;

    public static async Task<int> RunAsync(int rows)
    {
        var services = ReminderRunBenchmark.Services();
        var storage = services.GetRequiredService<StorageClients>();
        await storage.EnsureCreatedAsync();
        var bytes = Encoding.UTF8.GetBytes(Csv(rows));
        var startImport = services.GetRequiredService<StartImport>();
        var step = services.GetRequiredService<RunImportStep>();
        var readStatus = services.GetRequiredService<ReadImportStatus>();
        var failed = false;
        foreach (var pass in new[] { "first import", "re-import (unchanged)" })
        {
            Console.WriteLine($"{pass}: {rows:N0} rows ({bytes.Length / 1024:N0} KiB)");
            var watch = Stopwatch.StartNew();
            var start = await startImport.RunAsync(new MemoryStream(bytes), Language.En, CancellationToken.None);
            if (start.Result is { } inline)
            {
                watch.Stop();
                Console.WriteLine($"  inline: created={inline.Created} unchanged={inline.Unchanged} errors={inline.Errors.Count} wall={watch.Elapsed.TotalSeconds:N1}s ({rows / watch.Elapsed.TotalSeconds:N0} rows/s)");
                continue;
            }

            var longest = await DrainAsync(storage, step);
            watch.Stop();
            var status = (await readStatus.RunAsync(start.Job!.ImportId, CancellationToken.None))!;
            var writes = await WritesAsync(storage, status.ImportId);
            Console.WriteLine($"  job: chunks={status.Chunks} registered={status.Registered} unchanged={status.Unchanged} conflicts={status.Conflicts} errors={status.ErrorCount} done={status.Done}");
            Console.WriteLine($"  wall={watch.Elapsed.TotalSeconds:N1}s ({rows / watch.Elapsed.TotalSeconds:N0} rows/s), longest execution {longest.TotalSeconds:N2}s, storage writes per row {(double)writes / rows:N3} ({writes:N0} transactions/writes incl. chunk records)");
            failed |= !status.Done || longest > TimeSpan.FromSeconds(60) || status.Registered + status.Unchanged != rows;
        }

        Console.WriteLine($"raw reference at this table size: {await RawUpsertRateAsync(storage):N0} single upserts/s ({Workers} concurrent)");
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

    /// <summary>Runs the import queue's messages as the host would (16 at a time) until it stays empty; returns the longest execution.</summary>
    private static async Task<TimeSpan> DrainAsync(StorageClients storage, RunImportStep step)
    {
        var queue = storage.Queue(StorageNames.ImportQueue);
        var longest = TimeSpan.Zero;
        var idle = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, Workers), async (_, ct) =>
        {
            while (Volatile.Read(ref idle) < Workers * 3)
            {
                var message = (await queue.ReceiveMessageAsync(TimeSpan.FromMinutes(5), ct)).Value;
                if (message is null)
                {
                    Interlocked.Increment(ref idle);
                    await Task.Delay(100, ct);
                    continue;
                }

                Interlocked.Exchange(ref idle, 0);
                var clock = Stopwatch.StartNew();
                await step.RunAsync(message.Body.ToString(), ct);
                clock.Stop();
                lock (queue)
                {
                    longest = clock.Elapsed > longest ? clock.Elapsed : longest;
                }

                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
            }
        });
        return longest;
    }

    /// <summary>The registrar's own count of write calls per chunk, plus the chunk's plan and result records.</summary>
    private static async Task<long> WritesAsync(StorageClients storage, string jobId)
    {
        long writes = 0;
        await foreach (var chunk in storage.Table(StorageNames.ImportJobsTable).QueryAsync<TableEntity>(e => e.PartitionKey == jobId && e.RowKey != ImportJobs.JobKey))
        {
            writes += (chunk.GetInt32("Writes") ?? 0) + 1;
        }

        return writes;
    }

    private static async Task<double> RawUpsertRateAsync(StorageClients storage)
    {
        var table = storage.Table(StorageNames.GraduatesTable);
        const int count = 4000;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = Workers }, async (i, ct) =>
            await table.UpsertEntityAsync(new TableEntity($"raw{i:D6}", "raw") { ["Value"] = i }, TableUpdateMode.Replace, ct));
        return count / clock.Elapsed.TotalSeconds;
    }
}
