using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Otrabotka.Domain;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.UseCases;

/// <summary>Registers the graduates of a CSV (UTF-8, BOM allowed; comma or semicolon; camelCase headers), one registration per row.</summary>
public sealed partial class ImportGraduates(GraduateRegistrations graduates, TimeProvider time, ILogger<ImportGraduates> logger)
{
    public const int MaxImportErrors = 1000;

    /// <summary>Streams a CSV (UTF-8, BOM allowed; comma or semicolon; camelCase headers), one registration per row.</summary>
    public async Task<Outcome<ImportResult>> RunAsync(Stream csv, Language language, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(csv, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var header = await reader.ReadLineAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(header))
        {
            return new Problem(Refusal.Invalid, "csv-empty", TextCatalog.Default.Text("problems.csv-empty"));
        }

        var separator = header.Count(c => c == ';') > header.Count(c => c == ',') ? ';' : ',';
        var columns = Csv.Split(header, separator).Select(c => c.Trim()).ToArray();
        if (columns.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            return Problem.Invalid([new FieldError(repeated.Key, "csv-repeated-column", new($"'{repeated.Key}' бағаны тақырыпта қайталанады.", $"Столбец '{repeated.Key}' повторяется в заголовке.", $"The column '{repeated.Key}' appears more than once in the header."))]);
        }

        int created = 0, unchanged = 0, line = 1;
        var errors = new List<ImportError>();
        var batch = new List<(int Line, GraduateRecord Record)>();
        string? text;
        while ((text = await reader.ReadLineAsync(cancellationToken)) is not null)
        {
            line++;
            if (text.Length == 0)
            {
                continue;
            }

            var cells = Csv.Split(text, separator);
            if (cells.Count != columns.Length)
            {
                Add(errors, line, "column-count", TextCatalog.Default.Text("problems.csv-column-count", ("expected", columns.Length.ToString(CultureInfo.InvariantCulture)), ("found", cells.Count.ToString(CultureInfo.InvariantCulture))), language);
                continue;
            }

            var fields = Fields.FromCsvRow(columns, cells);
            var (record, rowErrors) = GraduateFields.Parse(fields, time.GetUtcNow());
            if (record is null)
            {
                foreach (var e in rowErrors)
                {
                    Add(errors, line, e.Code, new($"{e.Field}: {e.Detail.Kk}", $"{e.Field}: {e.Detail.Ru}", $"{e.Field}: {e.Detail.En}"), language);
                }

                continue;
            }

            batch.Add((line, record));
            if (batch.Count == ImportBatch)
            {
                (created, unchanged) = Sum((created, unchanged), await RegisterAllAsync(batch, errors, language, cancellationToken));
                batch.Clear();
                if (line / ImportBatch % 4 == 0)
                {
                    LogImportProgress(logger, line - 1, created, unchanged, errors.Count);
                }
            }
        }

        (created, unchanged) = Sum((created, unchanged), await RegisterAllAsync(batch, errors, language, cancellationToken));
        LogImportDone(logger, line - 1, created, unchanged, errors.Count);
        return Outcome<ImportResult>.Ok(new ImportResult(created, unchanged, errors.OrderBy(e => e.Line).ToList()));
    }

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Information, Message = "Import: {Rows} rows read, {Created} created, {Unchanged} unchanged, {Errors} errors so far")]
    private static partial void LogImportProgress(Microsoft.Extensions.Logging.ILogger logger, int rows, int created, int unchanged, int errors);

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Information, Message = "Import finished: {Rows} rows, {Created} created, {Unchanged} unchanged, {Errors} errors")]
    private static partial void LogImportDone(Microsoft.Extensions.Logging.ILogger logger, int rows, int created, int unchanged, int errors);

    private const int ImportBatch = 256;
    private const int ImportParallelism = 8;

    private static (int, int) Sum((int A, int B) x, (int A, int B) y) => (x.A + y.A, x.B + y.B);

    /// <summary>Registers a buffer of rows, a few at a time: a file streams through without holding it whole.</summary>
    private async Task<(int Created, int Unchanged)> RegisterAllAsync(List<(int Line, GraduateRecord Record)> rows, List<ImportError> errors, Language language, CancellationToken cancellationToken)
    {
        int created = 0, unchanged = 0;
        var found = new System.Collections.Concurrent.ConcurrentBag<(int Line, Problem Problem)>();
        await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = ImportParallelism, CancellationToken = cancellationToken }, async (row, ct) =>
        {
            var outcome = await graduates.RegisterAsync(row.Record, ct);
            if (outcome.Problem is { } problem)
            {
                found.Add((row.Line, problem));
            }
            else if (outcome.Value!.Created)
            {
                Interlocked.Increment(ref created);
            }
            else
            {
                Interlocked.Increment(ref unchanged);
            }
        });
        foreach (var (line, problem) in found.OrderBy(f => f.Line))
        {
            Add(errors, line, problem.Code == "graduate-exists" ? "conflict" : problem.Code, problem.Detail, language);
        }

        return (created, unchanged);
    }

    private static void Add(List<ImportError> errors, int line, string code, Text detail, Language language)
    {
        if (errors.Count < MaxImportErrors)
        {
            errors.Add(new ImportError(line, code, detail.In(language)));
        }
    }
}
