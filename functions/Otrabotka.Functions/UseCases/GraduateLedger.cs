using Otrabotka.Domain;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>A graduate's obligation ledger, computed from their accepted documents and the pension feed's credited months.</summary>
public static class GraduateLedger
{
    public static Ledger Compute(GraduateRecord graduate, IReadOnlyList<Document> documents, DateOnly asOf)
    {
        var terms = graduate.Obligation.Resolve(RuleTable.Default).Value ?? throw new InvalidDataException($"Graduate {graduate.Id} has an obligation the rules refuse.");
        // The pension feed's credited months (kept on the profile) count beside the documents; a day counts once.
        return LedgerRules.Compute(terms, [.. DocumentPeriods.Of(documents), .. graduate.Feed?.LedgerPeriods() ?? []], asOf, graduate.Default);
    }
}
