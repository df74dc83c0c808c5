using Otrabotka.Domain;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.UseCases.OperatorDesk;

/// <summary>A supervisor reads the audit trail: one graduate's entries, or one day's (UTC; default today), newest first, a page at a time.</summary>
public sealed class ReadAuditTrail(OperatorAuditLog log, TimeProvider time)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 100;

    public async Task<Outcome<Paged<AuditEntryView>>> RunAsync(Fields query, CancellationToken cancellationToken)
    {
        var graduateId = query.Optional("graduateId", 64);
        var day = query.OptionalDate("date");
        var size = query.OptionalInt("pageSize", 1, MaxPageSize) ?? DefaultPageSize;
        var token = query.Optional("continuationToken", 4096);
        if (graduateId is not null && !GraduateData.SafeKey(graduateId))
        {
            query.Add("graduateId", "invalid-id", TextCatalog.Default.Text("problems.not-found"));
        }

        if (graduateId is not null && day is not null)
        {
            query.Add("date", "audit-one-scope", TextCatalog.Default.Text("operator.audit-one-scope"));
        }

        if (query.Errors.Count > 0)
        {
            return Problem.Invalid(query.Errors);
        }

        var partition = graduateId is not null
            ? OperatorAuditLog.GraduatePrefix + graduateId
            : OperatorAuditLog.DayPartition(day ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        var (page, badToken) = await log.PageAsync(partition, token, size, cancellationToken);
        return badToken ? Problem.BadContinuationToken : Outcome<Paged<AuditEntryView>>.Ok(page!);
    }
}
