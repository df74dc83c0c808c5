using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Otrabotka.Domain;
using Otrabotka.Functions.Notifications;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.UseCases;

/// <summary>What operators of the Financial Center do beyond review: register and import, search, record exemptions, declare default.</summary>
public sealed partial class Operators(Graduates graduates, GraduateRepository repository, Obligations obligations, DocumentChanges changes, TimeProvider time, ILogger<Operators> logger)
{
    public const int MaxImportErrors = 1000;

    /// <summary>Streams a CSV (UTF-8, BOM allowed; comma or semicolon; camelCase headers), one registration per row.</summary>
    public async Task<Outcome<ImportResult>> ImportAsync(Stream csv, Language language, CancellationToken cancellationToken)
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
    public async Task<Outcome<DocumentView>> RecordExemptionAsync(GraduateRecord g, Actor actor, Fields body, Language language, CancellationToken cancellationToken)
    {
        var (claim, errors) = ClaimFields.Parse(DocumentKind.ExemptionProof, body);
        if (claim is not ExemptionClaim exemption)
        {
            return Problem.Invalid(errors);
        }

        var reasons = ExemptionRules.Check(g.Obligation.Resolve(RuleTable.Default).Value!, exemption, obligations.Today());
        if (reasons.Count > 0)
        {
            return Problem.FromReasons(Refusal.Unprocessable, "exemption-refused", reasons, "ground");
        }

        var unit = GraduateUnit.Starting(g);
        var document = Document.FileDecided(GraduateStore.NewId('d'), exemption, time.GetUtcNow(), actor, "commission decision");
        unit.Add(document);
        await changes.CommitAsync(unit, cancellationToken);
        return Outcome<DocumentView>.Created(Documents.View(document, document.NewHistory, language, forOperator: true));
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

        return await RetryPolicy.RunAsync(attempt => DeclareOnceAsync(g.Id, new DefaultDeclaration(asOf, note), language, attempt), () => Problem.ConcurrentUpdate, cancellationToken);
    }


    private async Task<Outcome<ObligationView>> DeclareOnceAsync(string graduateId, DefaultDeclaration declaration, Language language, CancellationToken cancellationToken)
    {
        if (await repository.LoadAsync(graduateId, cancellationToken) is not { } unit)
        {
            return Problem.NotFound;
        }

        var fresh = unit.Graduate;
        var ledger = Obligations.Compute(fresh, unit.Documents, declaration.AsOf);
        var declared = DefaultRules.Declare(ledger, fresh.Default, declaration.Note);
        if (!declared.IsValid)
        {
            return new Problem(Refusal.Conflict, declared.Reasons[0].Code, declared.Reasons[0].Message);
        }

        unit.Update(fresh with { Default = declared.Value, DefaultAmount = ledger.OwedIfStopped, Status = ObligationStatus.Defaulted });
        var notice = new Notice(fresh.Email, NotificationKind.DefaultDeclared, fresh.Language, new NoticeModel(
            GraduateName: fresh.FullName, Date: declaration.AsOf, Amount: ledger.OwedIfStopped, BudgetCost: fresh.Obligation.BudgetCost, RequiredDays: ledger.RequiredDays, CreditedDays: ledger.CreditedDays)
        {
            GraduateSex = NoticeModel.SexOf(fresh.Iin),
        });
        await changes.CommitAsync(unit, [notice], null, cancellationToken);
        return await obligations.ForIdAsync(graduateId, language, cancellationToken);
    }
}
