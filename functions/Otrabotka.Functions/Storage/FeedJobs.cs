using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Otrabotka.Domain;
using Otrabotka.Functions.Configuration;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.Texts;

using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// Feed and registry imports, the same streamed, chunked, idempotent way as graduate imports (ADR 0008): the file
/// is stored whole (a feed in the <c>feeds</c> container, whose blob trigger starts the job; a registry file in
/// <c>imports</c>), a plan message cuts it into chunks of Feed:ChunkRows lines and records the file's identity
/// (its SHA-256, first receipt time), one message per chunk applies its rows and records its counts. A chunk done
/// is skipped; a chunk cut short is run again and counts nothing twice (a row written by this job counts as applied).
/// </summary>
public sealed partial class FeedJobs(
    StorageClients storage, ImportFeedChunk feedChunk, ImportRegistryChunk registryChunk, SweepFeedStops stops, IOptions<FeedSettings> settings, TimeProvider time, ILogger<FeedJobs> logger)
{
    public const string JobKey = "job";
    public const string ImportIdMetadata = "importid";

    /// <summary>The chunk row's column saying where a chunk whose time budget ran out goes on (its graduates handled so far).</summary>
    private const string NextColumn = "Next";

    private TableClient Jobs => storage.Table(StorageNames.FeedJobsTable);

    public static string StatusRoute(string importId) => "/api/feed/imports/" + importId;

    /// <summary>An operator's upload: the header checked at once (a wrong shape is refused whole), the file stored, the job created.</summary>
    public async Task<FeedStart> StartAsync(FeedFileKind kind, Stream body, bool json, Language language, CancellationToken cancellationToken)
    {
        var jobId = GraduateStore.NewId(kind == FeedFileKind.Feed ? 'f' : 'r');
        var (container, blobName) = Location(kind, jobId);
        var blob = storage.Container(container).GetBlobClient(blobName);
        var refusal = json ? await StoreJsonAsync(blob, body, cancellationToken) : await StoreCsvAsync(kind, blob, body, jobId, cancellationToken);
        if (refusal is not null)
        {
            await blob.DeleteIfExistsAsync(cancellationToken: cancellationToken);
            return new FeedStart(null, refusal);
        }

        var job = NewJob(jobId, kind, language, blobName, "api");
        if (json)
        {
            // The CSV made from a JSON array has a header line: item n is line n + 1, reported as n.
            job["LineOffset"] = -1;
        }

        try
        {
            await Jobs.AddEntityAsync(job, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // The blob trigger (or the sweep) saw the stored file first and created its job under the id in the blob's
            // metadata: the same import. The operator's upload names its language and source.
            await Jobs.UpdateEntityAsync(job, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }

        // Planned at once, not left to the feeds container's blob trigger (which then finds the plan queued and
        // stops): where blobs are found by a polling scan — the local host, Kubernetes — a scan may come late.
        await QueuePlanAsync(job, cancellationToken);

        LogJobCreated(logger, jobId, kind.ToString());
        return new FeedStart(Status(job, []), null);
    }

    /// <summary>The feeds container's blob trigger: the job of an uploaded file, or a new one for a file dropped there.</summary>
    public async Task StartFromBlobAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
        var jobId = properties.Metadata.TryGetValue(ImportIdMetadata, out var id) && GraduateData.SafeKey(id) ? id : DroppedId(blob.Name, properties.ETag);
        var job = await FindJobAsync(jobId, cancellationToken);
        if (job is null)
        {
            job = NewJob(jobId, FeedFileKind.Feed, Language.Ru, blob.Name, "drop");
            try
            {
                await Jobs.AddEntityAsync(job, cancellationToken);
                LogJobCreated(logger, jobId, nameof(FeedFileKind.Feed));
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                job = (await FindJobAsync(jobId, cancellationToken))!;
            }
        }

        if (job.GetBoolean("PlanQueued") != true)
        {
            await QueuePlanAsync(job, cancellationToken);
        }
    }

    /// <summary>A queue message: "plan|{jobId}", "chunk|{jobId}|{n}", or a page of the stop sweep after a feed file, "stops|{jobId}[|{continuation}]".</summary>
    public Task HandleAsync(string message, CancellationToken cancellationToken) => message.Split('|') switch
    {
        ["plan", var jobId] when GraduateData.SafeKey(jobId) => PlanAsync(jobId, cancellationToken),
        ["chunk", var jobId, var number] when GraduateData.SafeKey(jobId) && int.TryParse(number, CultureInfo.InvariantCulture, out var n) => ChunkAsync(jobId, n, cancellationToken),
        [SweepFeedStops.MessagePrefix, var jobId] when GraduateData.SafeKey(jobId) => stops.RunAsync(jobId, null, cancellationToken),
        [SweepFeedStops.MessagePrefix, var jobId, var page] when GraduateData.SafeKey(jobId) => stops.RunAsync(jobId, page, cancellationToken),
        _ => Task.CompletedTask,
    };

    /// <summary>Cuts the file into chunks and records its identity; a plan run again adds no chunk twice and re-queues only the unfinished.</summary>
    public async Task PlanAsync(string jobId, CancellationToken cancellationToken)
    {
        if (await FindJobAsync(jobId, cancellationToken) is not { } job || job.GetString("Refusal") is not null)
        {
            return;
        }

        var kind = KindOf(job);
        var (container, blobName) = (Container(kind), job.GetString("Blob")!);
        await using var stream = await storage.Container(container).GetBlobClient(blobName).OpenReadAsync(cancellationToken: cancellationToken);
        var (header, chunks, sha) = await FeedFileCut.CutAsync(stream, settings.Value.ChunkRows, cancellationToken);
        if (Shape(kind, header) is { } refusal)
        {
            job["Refusal"] = refusal.Code;
            job["Missing"] = string.Join(',', refusal.MissingColumns);
            job["Chunks"] = 0;
            await Jobs.UpdateEntityAsync(job, ETag.All, TableUpdateMode.Merge, cancellationToken);
            LogJobRefused(logger, jobId, refusal.Code);
            return;
        }

        job["Header"] = header;
        job["FileId"] = sha[..32];
        job["ReceivedAt"] = await FirstReceivedAsync(sha, job.GetDateTimeOffset("CreatedAt") ?? time.GetUtcNow(), cancellationToken);
        await AddChunksAsync(jobId, chunks, cancellationToken);
        job["Chunks"] = chunks.Count;
        await Jobs.UpdateEntityAsync(job, ETag.All, TableUpdateMode.Merge, cancellationToken);
        var done = await DoneChunksAsync(jobId, cancellationToken);
        var queue = storage.Queue(StorageNames.FeedQueue);
        foreach (var chunk in chunks.Where(c => !done.Contains(FeedFileCut.ChunkKey(c.Number))))
        {
            await queue.SendMessageAsync($"chunk|{jobId}|{chunk.Number}", cancellationToken);
        }

        LogJobPlanned(logger, jobId, chunks.Count);
    }

    /// <summary>
    /// Applies one chunk's rows and records its counts; a chunk already done is left alone. A feed chunk whose time
    /// budget ran out records its counts so far and where it got to, and queues itself again for the rest. Each
    /// record is conditional on the chunk row's ETag: of two deliveries of one chunk at once, one records.
    /// </summary>
    public async Task ChunkAsync(string jobId, int number, CancellationToken cancellationToken)
    {
        using var span = ImportTrace.Phase("feed-chunk");
        var reading = ImportTrace.Phase("feed-read");
        var found = await Jobs.GetEntityIfExistsAsync<TableEntity>(jobId, FeedFileCut.ChunkKey(number), cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value is not { } chunk || chunk.GetBoolean("Done") == true || await FindJobAsync(jobId, cancellationToken) is not { } job)
        {
            reading?.Dispose();
            return;
        }

        var kind = KindOf(job);
        var start = chunk.GetInt64("Start")!.Value;
        var blob = storage.Container(Container(kind)).GetBlobClient(job.GetString("Blob")!);
        var content = await blob.DownloadContentAsync(new BlobDownloadOptions { Range = new HttpRange(start, chunk.GetInt64("End")!.Value - start) }, cancellationToken);
        reading?.Dispose();
        var text = job.GetString("Header") + "\n" + Encoding.UTF8.GetString(content.Value.Content.ToMemory().Span);
        var firstLine = chunk.GetInt32("FirstLine")!.Value;
        var file = new FeedFile(jobId, job.GetString("FileId")!, job.GetDateTimeOffset("ReceivedAt")!.Value, job.GetInt32("LineOffset") ?? 0);
        var from = chunk.GetInt32(NextColumn) ?? 0;
        var tally = kind == FeedFileKind.Feed
            ? await feedChunk.RunAsync(file, new StringReader(text), firstLine, from, cancellationToken)
            : await registryChunk.RunAsync(file, new StringReader(text), firstLine, cancellationToken);
        Wire.TryParse<Language>(job.GetString("Language"), out var language);
        using var recording = ImportTrace.Phase("feed-record");
        Record(chunk, tally, from > 0, language);
        if (!await TryRecordAsync(chunk, cancellationToken))
        {
            return;
        }

        if (tally.Next is { } next)
        {
            // The time budget ran out: the rest of the chunk is the next message's (no execution over a minute).
            LogChunkPaused(logger, jobId, number, next);
            await storage.Queue(StorageNames.FeedQueue).SendMessageAsync($"chunk|{jobId}|{number}", cancellationToken);
            return;
        }

        LogChunkDone(logger, jobId, number, chunk.GetInt32("Read") ?? 0, chunk.GetInt32("Applied") ?? 0, chunk.GetInt32("Unchanged") ?? 0, chunk.GetInt32("Errors") ?? 0);
        if (kind == FeedFileKind.Feed && job.GetInt32("Chunks") is { } planned && (await DoneChunksAsync(jobId, cancellationToken)).Count == planned)
        {
            // The file is in: graduates it no longer names may now count as stopped (two last chunks may both queue it; the sweep is idempotent).
            await stops.QueueAsync(jobId, null, cancellationToken);
        }
    }

    /// <summary>The chunk row replaced on the ETag it was read with; false when another delivery of the chunk recorded first.</summary>
    private async Task<bool> TryRecordAsync(TableEntity chunk, CancellationToken cancellationToken)
    {
        try
        {
            await Jobs.UpdateEntityAsync(chunk, chunk.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    /// <summary>The job's counts, summed over its chunks (null if there is no such job).</summary>
    public async Task<FeedImportStatus?> StatusAsync(string jobId, CancellationToken cancellationToken)
    {
        if (!GraduateData.SafeKey(jobId))
        {
            return null;
        }

        var rows = new List<TableEntity>();
        await foreach (var row in Jobs.QueryAsync<TableEntity>(e => e.PartitionKey == jobId, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        var job = rows.FirstOrDefault(r => r.RowKey == JobKey);
        return job is null ? null : Status(job, rows.Where(r => r.RowKey != JobKey).OrderBy(r => r.RowKey, StringComparer.Ordinal).ToList());
    }

    /// <summary>Whether a header has the format's columns; the refusal names the missing ones.</summary>
    public static FeedRefusal? Shape(FeedFileKind kind, string? header)
    {
        if (header is null)
        {
            return new FeedRefusal("import-header-too-long", TextCatalog.Default.Text("feed.header-too-long"), []);
        }

        var reader = new StringReader(header);
        var (refusal, missing) = kind == FeedFileKind.Feed ? Of(new PensionFeedCsv().Open(reader)) : Of(EmployerRegistryCsv.Open(reader));
        return refusal is null ? null : new FeedRefusal(refusal.Code, refusal.Message, missing);
    }

    private static (Reason? Refusal, IReadOnlyList<string> Missing) Of<TLine>(FileShape<TLine> shape) => (shape.Refusal, shape.MissingColumns);

    private static FeedImportStatus Status(TableEntity job, IReadOnlyList<TableEntity> chunks)
    {
        var planned = job.GetInt32("Chunks");
        var done = chunks.Where(c => c.GetBoolean("Done") == true).ToList();
        int Sum(string name) => done.Sum(c => c.GetInt32(name) ?? 0);
        var errors = done.SelectMany(c => JsonSerializer.Deserialize<List<ImportError>>(c.GetString("ErrorList") ?? "[]", Json.Options) ?? []).Take(ImportGraduates.MaxImportErrors).ToList();
        var refusal = job.GetString("Refusal");
        var finished = planned is { } count && done.Count == count;
        var state = refusal is not null ? "refused" : finished ? "done" : planned is null ? "queued" : "running";
        var missing = job.GetString("Missing") is { Length: > 0 } names ? names.Split(',') : null;
        return new FeedImportStatus(job.PartitionKey, KindOf(job), state, planned ?? 0, done.Count, Sum("Read"), Sum("Applied"), Sum("Unchanged"), Sum("Superseded"),
            Sum("Errors"), errors, finished, job.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue, refusal, missing);
    }

    /// <summary>The tally into the chunk row: added to what earlier executions of the chunk recorded when it goes on from one.</summary>
    private static void Record(TableEntity chunk, ChunkTally tally, bool resumed, Language language)
    {
        int Add(string name, int value) => (resumed ? chunk.GetInt32(name) ?? 0 : 0) + value;
        var earlier = resumed ? JsonSerializer.Deserialize<List<ImportError>>(chunk.GetString("ErrorList") ?? "[]", Json.Options) ?? [] : [];
        chunk["Done"] = tally.Next is null;
        chunk["Executions"] = Add("Executions", 1);
        chunk["Read"] = Add("Read", tally.Read);
        chunk["Applied"] = Add("Applied", tally.Applied);
        chunk["Unchanged"] = Add("Unchanged", tally.Unchanged);
        chunk["Superseded"] = Add("Superseded", tally.Superseded);
        chunk["Errors"] = Add("Errors", tally.Problems.Count);
        var errors = earlier.Concat(tally.Problems.Select(p => new ImportError(p.Line, p.Code, p.Detail.In(language))));
        chunk["ErrorList"] = JsonSerializer.Serialize(errors.OrderBy(e => e.Line).Take(100), Json.Options);
        if (tally.Next is { } next)
        {
            chunk[NextColumn] = next;
        }
        else
        {
            chunk.Remove(NextColumn);
        }
    }

    private async Task<FeedRefusal?> StoreCsvAsync(FeedFileKind kind, BlobClient blob, Stream body, string jobId, CancellationToken cancellationToken)
    {
        var (prefix, header) = await PeekHeaderAsync(body, cancellationToken);
        if (Shape(kind, header) is { } refusal)
        {
            return refusal;
        }

        var options = new BlobOpenWriteOptions { Metadata = new Dictionary<string, string> { [ImportIdMetadata] = jobId } };
        await using var upload = await blob.OpenWriteAsync(overwrite: true, options, cancellationToken);
        await upload.WriteAsync(prefix, cancellationToken);
        await body.CopyToAsync(upload, cancellationToken);
        return null;
    }

    private static async Task<FeedRefusal?> StoreJsonAsync(BlobClient blob, Stream body, CancellationToken cancellationToken)
    {
        await using var upload = await blob.OpenWriteAsync(overwrite: true, cancellationToken: cancellationToken);
        return await RegistryJson.ToCsvAsync(body, upload, cancellationToken) ? null : new FeedRefusal("invalid-json", TextCatalog.Default.Text("feed.json-shape"), []);
    }

    /// <summary>Reads up to the first line break (at most the header limit): the bytes read, and the header, null when too long.</summary>
    private static async Task<(byte[] Prefix, string? Header)> PeekHeaderAsync(Stream body, CancellationToken cancellationToken)
    {
        var prefix = new MemoryStream();
        var buffer = new byte[8192];
        int count;
        while ((count = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            prefix.Write(buffer, 0, count);
            var bytes = prefix.GetBuffer().AsSpan(0, (int)prefix.Length);
            if (bytes.IndexOf((byte)'\n') is var at and >= 0)
            {
                return (prefix.ToArray(), Encoding.UTF8.GetString(bytes[..at]).TrimEnd('\r'));
            }

            if (prefix.Length > FeedFileCut.MaxHeaderBytes)
            {
                return (prefix.ToArray(), null);
            }
        }

        return (prefix.ToArray(), Encoding.UTF8.GetString(prefix.GetBuffer(), 0, (int)prefix.Length).TrimEnd('\r'));
    }

    private TableEntity NewJob(string jobId, FeedFileKind kind, Language language, string blobName, string source) => new(jobId, JobKey)
    {
        ["Kind"] = Wire.Name(kind),
        ["Language"] = Wire.Name(language),
        ["Blob"] = blobName,
        ["Source"] = source,
        ["CreatedAt"] = time.GetUtcNow(),
    };

    private async Task QueuePlanAsync(TableEntity job, CancellationToken cancellationToken)
    {
        await storage.Queue(StorageNames.FeedQueue).SendMessageAsync("plan|" + job.PartitionKey, cancellationToken);
        await Jobs.UpdateEntityAsync(new TableEntity(job.PartitionKey, JobKey) { ["PlanQueued"] = true }, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>The time a file's content was first received: the order "the latest file wins" follows, the same for a re-import.</summary>
    private async Task<DateTimeOffset> FirstReceivedAsync(string sha, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var files = storage.Table(StorageNames.FeedFilesTable);
        try
        {
            await files.AddEntityAsync(new TableEntity("file", sha) { ["ReceivedAt"] = now }, cancellationToken);
            return now;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return (await files.GetEntityAsync<TableEntity>("file", sha, cancellationToken: cancellationToken)).Value.GetDateTimeOffset("ReceivedAt") ?? now;
        }
    }

    private async Task AddChunksAsync(string jobId, List<FeedChunkRange> chunks, CancellationToken cancellationToken)
    {
        foreach (var chunk in chunks)
        {
            var entity = new TableEntity(jobId, FeedFileCut.ChunkKey(chunk.Number))
            {
                ["Start"] = chunk.Start,
                ["End"] = chunk.End,
                ["FirstLine"] = chunk.FirstLine,
                ["Done"] = false,
            };
            try
            {
                await Jobs.AddEntityAsync(entity, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
            }
        }
    }

    private async Task<HashSet<string>> DoneChunksAsync(string jobId, CancellationToken cancellationToken)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in Jobs.QueryAsync<TableEntity>(e => e.PartitionKey == jobId && e.RowKey != JobKey, select: ["RowKey", "Done"], cancellationToken: cancellationToken))
        {
            if (row.GetBoolean("Done") == true)
            {
                done.Add(row.RowKey);
            }
        }

        return done;
    }

    private async Task<TableEntity?> FindJobAsync(string jobId, CancellationToken cancellationToken)
    {
        var found = await Jobs.GetEntityIfExistsAsync<TableEntity>(jobId, JobKey, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    private static FeedFileKind KindOf(TableEntity job) => Wire.TryParse<FeedFileKind>(job.GetString("Kind"), out var kind) ? kind : FeedFileKind.Feed;

    private static string Container(FeedFileKind kind) => kind == FeedFileKind.Feed ? StorageNames.FeedsContainer : StorageNames.ImportsContainer;

    private static (string Container, string Blob) Location(FeedFileKind kind, string jobId) =>
        (Container(kind), kind == FeedFileKind.Feed ? jobId + ".csv" : "registry-" + jobId + ".csv");

    /// <summary>A dropped file's job id: from its name and ETag, so the same drop is one job and an overwrite is another.</summary>
    private static string DroppedId(string name, ETag etag) =>
        "d" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name + "|" + etag)))[..31];

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed import {JobId} ({Kind}) created")]
    private static partial void LogJobCreated(ILogger logger, string jobId, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed import {JobId} refused: {Reason}")]
    private static partial void LogJobRefused(ILogger logger, string jobId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed import {JobId} planned in {Chunks} chunks")]
    private static partial void LogJobPlanned(ILogger logger, string jobId, int chunks);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed import {JobId} chunk {Chunk}: time budget spent after {Graduates} graduates, the rest queued")]
    private static partial void LogChunkPaused(ILogger logger, string jobId, int chunk, int graduates);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed import {JobId} chunk {Chunk}: {Rows} rows read, {Applied} applied, {Unchanged} unchanged, {Errors} errors")]
    private static partial void LogChunkDone(ILogger logger, string jobId, int chunk, int rows, int applied, int unchanged, int errors);
}
