using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Otrabotka.Domain;
using Otrabotka.Functions.Configuration;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// Graduate imports at the Financial Center's scale. A file of up to Import:InlineRowLimit rows is registered
/// at once (today's answer). A larger one is streamed to blob storage and becomes a job, run by <see cref="RunImportStep"/>.
/// </summary>
public sealed partial class StartImport(StorageClients storage, ImportJobStore jobs, ImportRegistrar registrar, IOptions<ImportSettings> settings, TimeProvider time, ILogger<StartImport> logger)
{
    private const int ReadBuffer = 81920;

    /// <summary>The most read into memory to decide between the inline answer and a job: past it the file is a job whatever its rows.</summary>
    public const int MaxInlineBytes = 8 * 1024 * 1024;

    /// <summary>The longest header accepted (a dozen column names take well under 1 KB).</summary>
    public const int MaxHeaderBytes = 64 * 1024;

    /// <summary>Reads the body up to the inline limit; registers it at once, or streams the whole file to a blob and queues its plan.</summary>
    public async Task<ImportStart> RunAsync(Stream body, Language language, CancellationToken cancellationToken)
    {
        var (prefix, complete) = await ReadPrefixAsync(body, settings.Value.InlineRowLimit + 1, cancellationToken);
        var text = Encoding.UTF8.GetString(prefix.GetBuffer(), 0, (int)prefix.Length);
        var firstBreak = text.IndexOf('\n');
        if ((firstBreak < 0 ? text.Length : firstBreak) > MaxHeaderBytes)
        {
            return new ImportStart(null, null, new Problem(Refusal.Invalid, "csv-header-too-long",
                TextCatalog.Default.Text("problems.csv-header-too-long", ("max", MaxHeaderBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)))));
        }

        var header = ImportHeader.Parse(firstBreak < 0 ? text : text[..firstBreak]);
        if (header is null)
        {
            return new ImportStart(null, null, new Problem(Refusal.Invalid, "csv-empty", ImportRows.EmptyFile));
        }

        if (header.Columns.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            return new ImportStart(null, null, Problem.Invalid([new FieldError(repeated.Key, "csv-repeated-column", new($"'{repeated.Key}' бағаны тақырыпта қайталанады.", $"Столбец '{repeated.Key}' повторяется в заголовке.", $"The column '{repeated.Key}' appears more than once in the header."))]));
        }

        // A file of the wrong shape (a column the rows need is missing) is refused as a whole, before any row is read.
        if (GraduateFields.RequiredColumns.Where(column => !header.Columns.Contains(column, StringComparer.Ordinal)).ToList() is { Count: > 0 } missing)
        {
            return new ImportStart(null, null, Problem.Invalid([.. missing.Select(column =>
                new FieldError(column, "csv-missing-column", TextCatalog.Default.Text("problems.csv-missing-column", ("column", column))))]));
        }

        var jobId = GraduateStore.NewId('i');
        if (complete)
        {
            var lines = firstBreak < 0 ? [] : ImportRows.Lines(text[(firstBreak + 1)..]);
            var (_, tally, problems) = await ImportJobs.RegisterAsync(registrar, time, header, lines, 2, jobId, cancellationToken);
            var errors = problems.Take(ImportGraduates.MaxImportErrors).Select(p => new ImportError(p.Line, p.Code, p.Detail.In(language))).ToList();
            return new ImportStart(new ImportResult(tally.Registered, tally.Unchanged, errors), null, null);
        }

        prefix.Position = 0;
        var blob = storage.Container(StorageNames.ImportsContainer).GetBlobClient(ImportJobs.BlobName(jobId));
        try
        {
            await using var upload = await blob.OpenWriteAsync(overwrite: true, cancellationToken: cancellationToken);
            await prefix.CopyToAsync(upload, cancellationToken);
            await body.CopyToAsync(upload, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A body broken off or over the host's limit: no job exists, so no part of the file may stay behind.
            await blob.DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
            throw;
        }

        var job = new ImportJobRow(jobId, header.Text, language, time.GetUtcNow(), null);
        await jobs.AddJobAsync(job, cancellationToken);
        await storage.Queue(StorageNames.ImportQueue).SendMessageAsync("plan|" + jobId, cancellationToken);
        LogJobQueued(logger, jobId);
        return new ImportStart(null, ImportJobs.Status(job, []), null);
    }

    /// <summary>Reads until the stream ends, the given number of line breaks has been seen, or <see cref="MaxInlineBytes"/> were read.</summary>
    private static async Task<(MemoryStream Prefix, bool Complete)> ReadPrefixAsync(Stream body, int lineLimit, CancellationToken cancellationToken)
    {
        var prefix = new MemoryStream();
        var buffer = new byte[ReadBuffer];
        var breaks = 0;
        int count;
        while ((count = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            prefix.Write(buffer, 0, count);
            breaks += buffer.AsSpan(0, count).Count((byte)'\n');
            if (breaks > lineLimit || prefix.Length > MaxInlineBytes)
            {
                return (prefix, false);
            }
        }

        return (prefix, true);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {JobId} queued")]
    private static partial void LogJobQueued(ILogger logger, string jobId);
}
