using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Otrabotka.Domain;
using Otrabotka.Functions.Configuration;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// One step of a reminder run: a plan message reads the due index once, keeps the latest step of each series and
/// writes the reminders to chunk files (bounded by Reminders:ChunkSize and by SendRatePerSecond × ChunkSeconds); one
/// chunk at a time then sends its reminders, paced to the send rate, stops at ChunkSeconds and hands the rest on. Each
/// reminder is still sent once: the marker inserted with the outbox row in one transaction refuses a second send; a
/// marker tagged with the run's id counts as sent by it.
/// </summary>
public sealed partial class RunReminderStep(
    StorageClients storage, ReminderRunStore runs, RunReminders reminders, ReminderSender sender, ReminderDueStore due, IOptions<ReminderRunSettings> settings, TimeProvider time, ILogger<RunReminderStep> logger)
{
    private const int Parallelism = 8;

    /// <summary>A queue message: "plan|{runId}" or "chunk|{runId}|{n}".</summary>
    public Task RunAsync(string message, CancellationToken cancellationToken) => message.Split('|') switch
    {
        ["plan", var runId] => PlanAsync(runId, cancellationToken),
        ["chunk", var runId, var number] when int.TryParse(number, CultureInfo.InvariantCulture, out var index) => ChunkAsync(runId, index, cancellationToken),
        _ => Task.CompletedTask,
    };

    /// <summary>Reads the due index once and writes the chunk files; a run already planned only restarts its chain.</summary>
    private async Task PlanAsync(string runId, CancellationToken cancellationToken)
    {
        if (await runs.FindRunAsync(runId, cancellationToken) is not { } run)
        {
            return;
        }

        if (run.Chunks is null)
        {
            var rows = await reminders.DueAsync(run.Date, null, cancellationToken);
            var latest = Latest(rows, run.Date);
            var chunks = latest.Chunk(ChunkSize).ToList();
            for (var number = 0; number < chunks.Count; number++)
            {
                await ChunkBlob(runId, number).UploadAsync(BinaryData.FromObjectAsJson(chunks[number], Json.Options), overwrite: true, cancellationToken);
                await runs.PutChunkAsync(runId, new ReminderChunkRow(number, chunks[number].Length), cancellationToken);
            }

            var dueCount = rows.Sum(row => row.DueBy(run.Date).Count);
            run = run with { Chunks = chunks.Count, Due = latest.Count, Superseded = dueCount - latest.Count, PlanRead = rows.Count };
            await runs.SavePlanAsync(run, cancellationToken);
            LogRunPlanned(logger, runId, latest.Count, chunks.Count);
        }

        if (run.Chunks > 0)
        {
            await storage.Queue(StorageNames.ReminderRunQueue).SendMessageAsync($"chunk|{runId}|0", cancellationToken);
        }
    }

    /// <summary>
    /// The latest step of each series due by the date, with the earlier steps it replaces; each row read goes with the
    /// reminder of the first series it holds, and is moved on when that one is handled (ADR 0020).
    /// </summary>
    private static List<ChunkedReminder> Latest(IReadOnlyList<DueRow> rows, DateOnly date)
    {
        var owners = rows.GroupBy(row => row.DueBy(date).Select(reminder => reminder.Series).DefaultIfEmpty(row.GraduateId).Min(StringComparer.Ordinal)!)
            .ToDictionary(group => group.Key, group => group.ToList(), StringComparer.Ordinal);
        return rows.SelectMany(row => row.DueBy(date)).GroupBy(reminder => reminder.Series)
            .Select(series => series.OrderBy(reminder => reminder.DueOn).ToList())
            .Select(ordered => new ChunkedReminder(ordered[^1], ordered.Take(ordered.Count - 1).ToList(), owners.GetValueOrDefault(ordered[^1].Series) ?? []))
            .ToList();
    }

    /// <summary>Sends the chunk's remaining reminders, paced, until done or out of time; then hands on (the rest, or the next chunk).</summary>
    private async Task ChunkAsync(string runId, int number, CancellationToken cancellationToken)
    {
        if (await runs.FindChunkAsync(runId, number, cancellationToken) is not { } chunk || await runs.FindRunAsync(runId, cancellationToken) is not { } run)
        {
            return;
        }

        if (!chunk.Done && !await SendChunkAsync(run, chunk, cancellationToken))
        {
            return;
        }

        if (number + 1 < run.Chunks)
        {
            await storage.Queue(StorageNames.ReminderRunQueue).SendMessageAsync($"chunk|{runId}|{number + 1}", cancellationToken);
        }
    }

    private int ChunkSize => (int)Math.Max(1, Math.Min(settings.Value.ChunkSize, settings.Value.SendRatePerSecond * settings.Value.ChunkSeconds * 0.8));

    /// <summary>
    /// Takes the chunk (a lease), sends what the time allows and records where it got to. False when another
    /// worker holds it or when the rest is handed on to the next message; true once the chunk is done.
    /// </summary>
    private async Task<bool> SendChunkAsync(ReminderRunRow run, ReminderChunkRow chunk, CancellationToken cancellationToken)
    {
        var runId = run.RunId;
        if (await ClaimAsync(runId, chunk, cancellationToken) is not { } held)
        {
            return false;
        }

        var list = (await ChunkBlob(runId, chunk.Number).DownloadContentAsync(cancellationToken)).Value.Content.ToObjectFromJson<List<ChunkedReminder>>(Json.Options)!;
        ReminderChunkRow sent;
        try
        {
            sent = await SendAsync(run, held, list, cancellationToken);
        }
        catch
        {
            // Released so that the retried message may take the chunk at once (a crash lets the lease expire).
            await runs.TrySaveChunkAsync(runId, held with { LeaseUntil = null }, CancellationToken.None);
            throw;
        }

        var saved = sent with { Done = sent.Next >= list.Count, LeaseUntil = null };
        await runs.TrySaveChunkAsync(runId, saved, cancellationToken);
        if (!saved.Done)
        {
            await storage.Queue(StorageNames.ReminderRunQueue).SendMessageAsync($"chunk|{runId}|{chunk.Number}", cancellationToken);
            return false;
        }

        LogChunkDone(logger, runId, chunk.Number, saved.Sent, saved.Skipped, saved.Failed);
        return true;
    }

    /// <summary>One worker per chunk: a lease on the chunk row (ETag-conditional); a lease left by a crashed worker expires.</summary>
    private async Task<ReminderChunkRow?> ClaimAsync(string runId, ReminderChunkRow chunk, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return chunk.LeaseUntil is { } until && until > now
            ? null
            : await runs.TrySaveChunkAsync(runId, chunk with { LeaseUntil = now.AddSeconds(settings.Value.ChunkSeconds * 2) }, cancellationToken);
    }

    /// <summary>
    /// The k-th send of this execution starts no earlier than k ÷ rate seconds after it began, and none starts after
    /// ChunkSeconds: the slots are handed out in order, so the ones taken are a prefix and the rest wait for the next message.
    /// </summary>
    private async Task<ReminderChunkRow> SendAsync(ReminderRunRow run, ReminderChunkRow chunk, List<ChunkedReminder> all, CancellationToken cancellationToken)
    {
        var runId = run.RunId;
        var from = chunk.Next;
        var clock = Stopwatch.StartNew();
        var budget = TimeSpan.FromSeconds(settings.Value.ChunkSeconds);
        var rate = settings.Value.SendRatePerSecond;
        int sent = 0, skipped = 0, failed = 0, markerReads = 0, taken = 0, graduatesRead = 0, rowsRead = 0;
        var handled = new System.Collections.Concurrent.ConcurrentBag<ChunkedReminder>();
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
            var (outcome, read) = await SendOneAsync(runId, run.Date, reminder, ct);
            Interlocked.Add(ref graduatesRead, read.GraduatesRead);
            Interlocked.Add(ref rowsRead, read.RowsRead);
            if (outcome == Sent.Failed)
            {
                Interlocked.Increment(ref failed);
                return;
            }

            Interlocked.Increment(ref outcome == Sent.Before ? ref skipped : ref sent);
            if (read.Outcome == ReminderOutcome.AlreadySent)
            {
                Interlocked.Increment(ref markerReads);
            }

            handled.Add(reminder);
        });

        // Rows of the older one-reminder layout (no stamp) leave the index in batches, as before.
        await due.DeleteManyAsync(handled.SelectMany(reminder => reminder.Rows).Where(row => row.Stamp is null), Parallelism, cancellationToken);
        return chunk with
        {
            Next = from + taken, Sent = chunk.Sent + sent, Skipped = chunk.Skipped + skipped, Failed = chunk.Failed + failed, MarkerReads = chunk.MarkerReads + markerReads,
            GraduatesRead = chunk.GraduatesRead + graduatesRead, RowsRead = chunk.RowsRead + rowsRead,
        };
    }

    private enum Sent { Now, ByThisRun, Before, Failed }

    /// <summary>
    /// Sends one chunked reminder and moves on the due rows it owns (one read of the graduate, one transaction with the
    /// plan's move and the status snapshot: <see cref="ReminderSender"/>); a reminder sent before is this run's when its
    /// marker says so (one marker read). What was read is answered even when the send failed.
    /// </summary>
    private async Task<(Sent Outcome, ReminderHandled Read)> SendOneAsync(string runId, DateOnly date, ChunkedReminder chunked, CancellationToken cancellationToken)
    {
        try
        {
            var handled = await sender.HandleAsync(chunked.Reminder, chunked.Rows.Where(row => row.Stamp is not null).ToList(), date, runId, cancellationToken);
            return handled.Outcome switch
            {
                ReminderOutcome.Sent => (Sent.Now, handled),
                ReminderOutcome.AlreadySent when await due.SentByRunAsync(chunked.Reminder, cancellationToken) == runId => (Sent.ByThisRun, handled),
                _ => (Sent.Before, handled),
            };
        }
        catch (RequestFailedException ex)
        {
            LogSendFailed(logger, runId, ex.Status);
            return (Sent.Failed, new ReminderHandled(ReminderOutcome.Stale, 0, 0));
        }
        catch (ConcurrentChangeException)
        {
            LogSendFailed(logger, runId, 409);
            return (Sent.Failed, new ReminderHandled(ReminderOutcome.Stale, 0, 0));
        }
    }

    private Azure.Storage.Blobs.BlobClient ChunkBlob(string runId, int number) =>
        storage.Container(StorageNames.ReminderRunsContainer).GetBlobClient($"{runId}/{ReminderRuns.ChunkKey(number)}.json");

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder run {RunId} planned: {Due} reminders in {Chunks} chunks")]
    private static partial void LogRunPlanned(ILogger logger, string runId, int due, int chunks);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder run {RunId} chunk {Chunk}: {Sent} sent, {Skipped} skipped, {Failed} failed")]
    private static partial void LogChunkDone(ILogger logger, string runId, int chunk, int sent, int skipped, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder run {RunId}: a send failed with storage status {Status}")]
    private static partial void LogSendFailed(ILogger logger, string runId, int status);
}
