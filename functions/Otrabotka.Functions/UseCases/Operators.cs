using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using Otrabotka.Domain;
using Otrabotka.Functions.Http;
using Otrabotka.Functions.Notifications;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.UseCases;

public sealed record ImportError(int Line, string Code, string Detail);

public sealed record ImportResult(int Created, int Unchanged, IReadOnlyList<ImportError> Errors);

public sealed record SearchHit(string GraduateId, string FullName, Category Category, ObligationStatus? Status, Region? Region, DateOnly GraduationDate, string University);

/// <summary>What operators of the Financial Center do beyond review: register and import, search, record exemptions, declare default.</summary>
public sealed partial class Operators(StorageClients storage, Graduates graduates, GraduateData data, Obligations obligations, DocumentTransitions transitions, Outbox outbox, IndexSync indexes, TimeProvider time, Microsoft.Extensions.Logging.ILogger<Operators> logger)
{
    public const int MaxImportErrors = 1000;

    /// <summary>Streams a CSV (UTF-8, BOM allowed; comma or semicolon; camelCase headers), one registration per row.</summary>
    public async Task<Outcome<ImportResult>> ImportAsync(Stream csv, Language language, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(csv, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var header = await reader.ReadLineAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(header))
        {
            return new Problem(400, "csv-empty", TextCatalog.Default.Text("problems.csv-empty"));
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

            var fields = new Fields(columns.Zip(cells).ToDictionary(p => p.First, p => (string?)p.Second, StringComparer.Ordinal));
            var (record, rowErrors) = Graduates.Parse(fields, time.GetUtcNow());
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

    internal static SearchHit Hit(GraduateRecord g) => new(g.Id, g.FullName, g.Obligation.Category, g.Status, g.Region, g.Obligation.GraduationDate, g.University);

    /// <summary>A commission's exemption decision recorded directly by an operator: checked by the same rules, accepted at once.</summary>
    public async Task<Outcome<DocumentView>> RecordExemptionAsync(GraduateRecord g, Fields body, Language language, CancellationToken cancellationToken)
    {
        var (json, errors) = DocumentMetadata.Parse(DocumentKind.ExemptionProof, body);
        if (json is null)
        {
            return Problem.Invalid(errors);
        }

        var meta = DocumentMetadata.Read<ExemptionMeta>(json);
        var reasons = ExemptionRules.Check(g.Obligation.Resolve(RuleTable.Default).Value!, meta.Claim, obligations.Today());
        if (reasons.Count > 0)
        {
            return Problem.FromReasons(422, "exemption-refused", reasons, "ground");
        }

        var now = time.GetUtcNow();
        var id = GraduateStore.NewId('d');
        var row = new DocumentRow(g.Id, id, DocumentKind.ExemptionProof, DocumentStatus.Received, false, json, null, null, null, [], [], now, now, 1, "operator");
        await DocumentIndex.AddAsync(storage, g.Id, id, cancellationToken);
        await GraduateStore.CommitAsync(storage.Table(StorageNames.GraduatesTable),
            [new(TableTransactionActionType.Add, GraduateStore.ToEntity(row)), new(TableTransactionActionType.Add, GraduateStore.HistoryEntity(g.Id, id, 0, new StatusChange(DocumentStatus.Received, now, "operator", "commission decision")))],
            cancellationToken);
        var stored = await data.DocumentAsync(g.Id, id, cancellationToken);
        await transitions.ApplyAsync(g, stored!, [new Move(DocumentStatus.Validating, "operator", null), new Move(DocumentStatus.Accepted, "operator", "commission decision")], null, null,
            [new Notice(g.Email, NotificationKind.DocumentAccepted, g.Language, new NoticeModel(GraduateName: g.FullName, Document: DocumentKind.ExemptionProof) { GraduateSex = NoticeModel.SexOf(g.Iin) })], cancellationToken);
        var view = Documents.View((await data.DocumentAsync(g.Id, id, cancellationToken))!, await data.HistoryAsync(g.Id, id, cancellationToken), language);
        return Outcome<DocumentView>.Ok(view, 201);
    }

    /// <summary>Declares default as of a date: the amount owed is fixed then (п.17-1), and the graduate is told how it was computed.</summary>
    public async Task<Outcome<ObligationView>> DeclareDefaultAsync(GraduateRecord g, Fields body, Language language, CancellationToken cancellationToken)
    {
        var asOf = body.Date("asOf");
        var note = body.Required("note", 2000);
        if (body.Errors.Count > 0)
        {
            return Problem.Invalid(body.Errors);
        }

        if (asOf > obligations.Today())
        {
            return Problem.Invalid([new FieldError("asOf", DomainReasons.DateInFuture.Code, DomainReasons.DateInFuture.Message)]);
        }

        for (var attempt = 0; attempt < 5; attempt++)
        {
            var fresh = await graduates.GetAsync(g.Id, cancellationToken);
            var ledger = await obligations.LedgerAsync(fresh!, asOf, cancellationToken);
            var declaration = DefaultRules.Declare(ledger, fresh!.Default, note);
            if (!declaration.IsValid)
            {
                return new Problem(409, declaration.Reasons[0].Code, declaration.Reasons[0].Message);
            }

            var declared = fresh with { Default = declaration.Value, DefaultAmount = ledger.OwedIfStopped, Status = ObligationStatus.Defaulted };
            var (syncId, sync) = outbox.IndexRow(g.Id, null);
            var (id, notice) = outbox.Row(g.Id, g.Email, NotificationKind.DefaultDeclared, g.Language, new NoticeModel(
                GraduateName: g.FullName, Date: asOf, Amount: ledger.OwedIfStopped, BudgetCost: g.Obligation.BudgetCost, RequiredDays: ledger.RequiredDays, CreditedDays: ledger.CreditedDays) { GraduateSex = NoticeModel.SexOf(g.Iin) });
            try
            {
                await outbox.CommitAsync(g.Id, [new(TableTransactionActionType.UpdateReplace, GraduateStore.ToEntity(declared), fresh.ETag), notice, sync], [id, syncId], cancellationToken);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 412)
            {
                continue;
            }

            await indexes.RunAsync(g.Id, null, cancellationToken);
            return await obligations.ForIdAsync(g.Id, language, cancellationToken);
        }

        return Graduates.Conflict;
    }
}

/// <summary>A small RFC 4180 field splitter: quotes, doubled quotes, the given separator.</summary>
public static class Csv
{
    public static List<string> Split(string line, char separator)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == separator)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }
}
