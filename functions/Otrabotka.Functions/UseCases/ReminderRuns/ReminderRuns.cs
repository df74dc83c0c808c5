using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Otrabotka.Domain;
using Otrabotka.Functions.Configuration;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// Reminder runs that never outrun a function's time limit. Up to Reminders:InlineLimit due rows are sent at
/// once (today's answer). Beyond it the run becomes a job: a plan message reads the due index once, keeps the
/// latest step of each series and writes the reminders to chunk files (bounded by Reminders:ChunkSize and by
/// SendRatePerSecond × ChunkSeconds); one chunk at a time then sends its reminders, paced to the send rate,
/// stops at ChunkSeconds and hands the rest on. Each reminder is still sent once: the marker inserted with the
/// outbox row in one transaction refuses a second send; a marker tagged with the run's id counts as sent by it.
/// </summary>
public sealed partial class ReminderRuns(StorageClients storage, RunReminders reminders, IOptions<ReminderRunSettings> settings, TimeProvider time, ILogger<ReminderRuns> logger)
{
    public const string RunKey = "run";
    private const int Parallelism = 8;

    private TableClient Runs => storage.Table(StorageNames.ReminderRunsTable);

    public static string ChunkKey(int number) => "c" + number.ToString("D6", CultureInfo.InvariantCulture);

    public static string StatusRoute(string runId) => "/api/reminders/runs/" + runId;

    /// <summary>Sends at once when few are due; otherwise records a run and queues its plan.</summary>
    public async Task<ReminderRunStart> StartAsync(DateOnly date, string trigger, CancellationToken cancellationToken)
    {
        var limit = settings.Value.InlineLimit;
        var first = await reminders.DueAsync(date, limit + 1, cancellationToken);
        if (first.Count <= limit)
        {
            return new ReminderRunStart(await reminders.ProcessAsync(date, first, trigger, cancellationToken), null);
        }

        var runId = GraduateStore.NewId('r');
        var run = new TableEntity(runId, RunKey)
        {
            ["Date"] = GraduateStore.Iso(date),
            ["Trigger"] = trigger,
            ["StartedAt"] = time.GetUtcNow(),
            ["DecisionRead"] = first.Count,
        };
        await Runs.AddEntityAsync(run, cancellationToken);
        await storage.Queue(StorageNames.ReminderRunQueue).SendMessageAsync("plan|" + runId, cancellationToken);
        LogRunQueued(logger, runId, GraduateStore.Iso(date));
        return new ReminderRunStart(null, Status(run, []));
    }

    /// <summary>A queue message: "plan|{runId}" or "chunk|{runId}|{n}".</summary>
    public Task HandleAsync(string message, CancellationToken cancellationToken) => message.Split('|') switch
    {
        ["plan", var runId] => PlanAsync(runId, cancellationToken),
        ["chunk", var runId, var number] when int.TryParse(number, CultureInfo.InvariantCulture, out var n) => ChunkAsync(runId, n, cancellationToken),
        _ => Task.CompletedTask,
    };

    /// <summary>Reads the due index once and writes the chunk files; a run already planned only restarts its chain.</summary>
    public async Task PlanAsync(string runId, CancellationToken cancellationToken)
    {
        if (await FindAsync(runId, RunKey, cancellationToken) is not { } run)
        {
            return;
        }

        if (run.GetInt32("Chunks") is null)
        {
            var date = DateOnly.ParseExact(run.GetString("Date")!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var rows = await reminders.DueAsync(date, null, cancellationToken);
            var latest = rows.GroupBy(r => r.GetString("Series"))
                .Select(series => series.OrderBy(r => r.PartitionKey, StringComparer.Ordinal).ToList())
                .Select(ordered => DueReminder.Of(ordered[^1], ordered.Take(ordered.Count - 1)))
                .ToList();
            var chunks = latest.Chunk(ChunkSize).ToList();
            for (var number = 0; number < chunks.Count; number++)
            {
                await ChunkBlob(runId, number).UploadAsync(BinaryData.FromObjectAsJson(chunks[number], Json.Options), overwrite: true, cancellationToken);
                await Runs.UpsertEntityAsync(new TableEntity(runId, ChunkKey(number)) { ["Count"] = chunks[number].Length, ["Next"] = 0, ["Done"] = false }, TableUpdateMode.Replace, cancellationToken);
            }

            run["Chunks"] = chunks.Count;
            run["Due"] = latest.Count;
            run["Superseded"] = rows.Count - latest.Count;
            run["PlanRead"] = rows.Count;
            await Runs.UpdateEntityAsync(run, run.ETag, TableUpdateMode.Replace, cancellationToken);
            LogRunPlanned(logger, runId, latest.Count, chunks.Count);
        }

        if (run.GetInt32("Chunks") > 0)
        {
            await storage.Queue(StorageNames.ReminderRunQueue).SendMessageAsync($"chunk|{runId}|0", cancellationToken);
        }
    }

    /// <summary>Sends the chunk's remaining reminders, paced, until done or out of time; then hands on (the rest, or the next chunk).</summary>
    public async Task ChunkAsync(string runId, int number, CancellationToken cancellationToken)
    {
        if (await FindAsync(runId, ChunkKey(number), cancellationToken) is not { } chunk || await FindAsync(runId, RunKey, cancellationToken) is not { } run)
        {
            return;
        }

        if (chunk.GetBoolean("Done") != true)
        {
            if (!await ClaimAsync(chunk, cancellationToken))
            {
                return;
            }

            var list = (await ChunkBlob(runId, number).DownloadContentAsync(cancellationToken)).Value.Content.ToObjectFromJson<List<DueReminder>>(Json.Options)!;
            int next;
            try
            {
                next = await SendAsync(runId, chunk, list, cancellationToken);
            }
            catch
            {
                // Released so that the retried message may take the chunk at once (a crash lets the lease expire).
                chunk["LeaseUntil"] = null;
                await Runs.UpdateEntityAsync(chunk, chunk.ETag, TableUpdateMode.Replace, CancellationToken.None);
                throw;
            }

            chunk["Next"] = next;
            chunk["Done"] = next >= list.Count;
            chunk["LeaseUntil"] = null;
            await Runs.UpdateEntityAsync(chunk, chunk.ETag, TableUpdateMode.Replace, cancellationToken);
            if (next < list.Count)
            {
                await storage.Queue(StorageNames.ReminderRunQueue).SendMessageAsync($"chunk|{runId}|{number}", cancellationToken);
                return;
            }

            LogChunkDone(logger, runId, number, chunk.GetInt32("Sent") ?? 0, chunk.GetInt32("Skipped") ?? 0, chunk.GetInt32("Failed") ?? 0);
        }

        if (number + 1 < run.GetInt32("Chunks"))
        {
            await storage.Queue(StorageNames.ReminderRunQueue).SendMessageAsync($"chunk|{runId}|{number + 1}", cancellationToken);
        }
    }

    /// <summary>The run's summary, summed over its chunks (null if there is no such run).</summary>
    public async Task<ReminderRunStatus?> StatusAsync(string runId, CancellationToken cancellationToken)
    {
        if (!GraduateData.SafeKey(runId))
        {
            return null;
        }

        var rows = new List<TableEntity>();
        await foreach (var row in Runs.QueryAsync<TableEntity>(e => e.PartitionKey == runId, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        var run = rows.FirstOrDefault(r => r.RowKey == RunKey);
        return run is null ? null : Status(run, rows.Where(r => r.RowKey != RunKey).ToList());
    }

    private int ChunkSize => (int)Math.Max(1, Math.Min(settings.Value.ChunkSize, settings.Value.SendRatePerSecond * settings.Value.ChunkSeconds * 0.8));

    private static ReminderRunStatus Status(TableEntity run, IReadOnlyList<TableEntity> chunks)
    {
        int Sum(string name) => chunks.Sum(c => c.GetInt32(name) ?? 0);
        var planned = run.GetInt32("Chunks");
        var doneCount = chunks.Count(c => c.GetBoolean("Done") == true);
        var done = planned is { } count && doneCount == count;
        var read = (run.GetInt32("DecisionRead") ?? 0) + (run.GetInt32("PlanRead") ?? 0) + Sum("MarkerReads");
        return new ReminderRunStatus(
            run.PartitionKey, DateOnly.ParseExact(run.GetString("Date")!, "yyyy-MM-dd", CultureInfo.InvariantCulture), run.GetString("Trigger") ?? "",
            done ? "done" : planned is null ? "queued" : "running", planned ?? 0, doneCount, run.GetInt32("Due") ?? 0, Sum("Sent"), Sum("Skipped"), Sum("Failed"),
            run.GetInt32("Superseded") ?? 0, read, done, run.GetDateTimeOffset("StartedAt") ?? DateTimeOffset.MinValue);
    }

    /// <summary>One worker per chunk: a lease on the chunk row (ETag-conditional); a lease left by a crashed worker expires.</summary>
    private async Task<bool> ClaimAsync(TableEntity chunk, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (chunk.GetDateTimeOffset("LeaseUntil") is { } until && until > now)
        {
            return false;
        }

        chunk["LeaseUntil"] = now.AddSeconds(settings.Value.ChunkSeconds * 2);
        try
        {
            var answer = await Runs.UpdateEntityAsync(chunk, chunk.ETag, TableUpdateMode.Replace, cancellationToken);
            chunk.ETag = answer.Headers.ETag ?? chunk.ETag;
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    /// <summary>
    /// The k-th send of this execution starts no earlier than k ÷ rate seconds after it began, and none starts after
    /// ChunkSeconds: the slots are handed out in order, so the ones taken are a prefix and the rest wait for the next message.
    /// </summary>
    private async Task<int> SendAsync(string runId, TableEntity chunk, List<DueReminder> all, CancellationToken cancellationToken)
    {
        var from = chunk.GetInt32("Next") ?? 0;
        var clock = Stopwatch.StartNew();
        var budget = TimeSpan.FromSeconds(settings.Value.ChunkSeconds);
        var rate = settings.Value.SendRatePerSecond;
        int sent = 0, skipped = 0, failed = 0, markerReads = 0, taken = 0;
        var handled = new System.Collections.Concurrent.ConcurrentBag<DueReminder>();
        IEnumerable<int> Slots()
        {
            for (var k = 0; from + k < all.Count && clock.Elapsed < budget; k++)
            {
                taken++;
                yield return k;
            }
        }

        await Parallel.ForEachAsync(Slots(), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (k, ct) =>
        {
            var wait = TimeSpan.FromSeconds(k / rate) - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, ct);
            }

            var reminder = all[from + k];
            var outcome = await SendOneAsync(runId, reminder, ct);
            if (outcome == Sent.Failed)
            {
                Interlocked.Increment(ref failed);
                return;
            }

            Interlocked.Increment(ref outcome == Sent.Before ? ref skipped : ref sent);
            if (outcome != Sent.Now)
            {
                Interlocked.Increment(ref markerReads);
            }

            handled.Add(reminder);
        });

        await DeleteAsync(handled.SelectMany(h => h.Rows()), cancellationToken);
        chunk["Sent"] = (chunk.GetInt32("Sent") ?? 0) + sent;
        chunk["Skipped"] = (chunk.GetInt32("Skipped") ?? 0) + skipped;
        chunk["Failed"] = (chunk.GetInt32("Failed") ?? 0) + failed;
        chunk["MarkerReads"] = (chunk.GetInt32("MarkerReads") ?? 0) + markerReads;
        return from + taken;
    }

    private enum Sent { Now, ByThisRun, Before, Failed }

    private async Task<Sent> SendOneAsync(string runId, DueReminder reminder, CancellationToken cancellationToken)
    {
        try
        {
            if (await reminders.SendAsync(reminder.ToEntity(), cancellationToken, runId))
            {
                return Sent.Now;
            }

            var marker = await storage.Table(StorageNames.GraduatesTable).GetEntityIfExistsAsync<TableEntity>(
                reminder.GraduateId!, RunReminders.MarkerPrefix + reminder.RowKey.Replace('/', '_'), ["RunId"], cancellationToken);
            return marker.HasValue && marker.Value?.GetString("RunId") == runId ? Sent.ByThisRun : Sent.Before;
        }
        catch (RequestFailedException ex)
        {
            LogSendFailed(logger, runId, ex.Status);
            return Sent.Failed;
        }
    }

    /// <summary>Handled rows leave the due index, 100 to a transaction per date; a row already gone is no error.</summary>
    private async Task DeleteAsync(IEnumerable<(string PartitionKey, string RowKey)> rows, CancellationToken cancellationToken)
    {
        var due = storage.Table(StorageNames.ReminderDueTable);
        var batches = rows.Distinct().GroupBy(r => r.PartitionKey).SelectMany(g => g.Chunk(100)).ToList();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (batch, ct) =>
        {
            try
            {
                await due.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(r.PartitionKey, r.RowKey), ETag.All)), ct);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 404)
            {
                foreach (var (partition, row) in batch)
                {
                    await due.DeleteEntityAsync(partition, row, ETag.All, ct);
                }
            }
        });
    }

    private Azure.Storage.Blobs.BlobClient ChunkBlob(string runId, int number) =>
        storage.Container(StorageNames.ReminderRunsContainer).GetBlobClient($"{runId}/{ChunkKey(number)}.json");

    private async Task<TableEntity?> FindAsync(string runId, string key, CancellationToken cancellationToken)
    {
        var found = await Runs.GetEntityIfExistsAsync<TableEntity>(runId, key, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder run {RunId} for {Date} queued")]
    private static partial void LogRunQueued(ILogger logger, string runId, string date);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder run {RunId} planned: {Due} reminders in {Chunks} chunks")]
    private static partial void LogRunPlanned(ILogger logger, string runId, int due, int chunks);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder run {RunId} chunk {Chunk}: {Sent} sent, {Skipped} skipped, {Failed} failed")]
    private static partial void LogChunkDone(ILogger logger, string runId, int chunk, int sent, int skipped, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder run {RunId}: a send failed with storage status {Status}")]
    private static partial void LogSendFailed(ILogger logger, string runId, int status);
}
