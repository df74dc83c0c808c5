using Otrabotka.Domain;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases.OperatorDesk;

/// <summary>
/// The next day a graduate's ledger status changes with the calendar alone (<see cref="StatusCalendar"/>), from
/// the same periods the ledger reads: their accepted documents and the pension feed's credited months.
/// </summary>
public static class NextStatusChange
{
    public static DateOnly? Of(GraduateRecord graduate, IReadOnlyList<Document> documents, DateOnly today) =>
        graduate.Obligation.Resolve(RuleTable.Default).Value is { } terms
            ? StatusCalendar.NextChange(terms, [.. DocumentPeriods.Of(documents), .. graduate.Feed?.LedgerPeriods() ?? []], today, graduate.Default)
            : null;
}
