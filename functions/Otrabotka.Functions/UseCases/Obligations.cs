using Otrabotka.Domain;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>The obligation ledger of a graduate, computed from their accepted documents as of the Almaty date; each period shows its evidence.</summary>
public sealed class Obligations(Graduates graduates, GraduateRepository repository, TimeProvider time)
{
    public DateOnly Today() => Almaty.Today(time);

    public async Task<Outcome<ObligationView>> ForIinAsync(string iin, Language language, CancellationToken cancellationToken) =>
        await graduates.FindByIinAsync(iin, cancellationToken) is { } graduate ? await ForIdAsync(graduate.Id, language, cancellationToken) : Problem.NotFound;

    public async Task<Outcome<ObligationView>> ForIdAsync(string graduateId, Language language, CancellationToken cancellationToken) =>
        await repository.LoadAsync(graduateId, cancellationToken) is { } unit ? View(Compute(unit.Graduate, unit.Documents, Today()), language) : Problem.NotFound;

    public static Ledger Compute(GraduateRecord graduate, IReadOnlyList<Document> documents, DateOnly asOf)
    {
        var terms = graduate.Obligation.Resolve(RuleTable.Default).Value ?? throw new InvalidDataException($"Graduate {graduate.Id} has an obligation the rules refuse.");
        // The pension feed's credited months (kept on the profile) count beside the documents; a day counts once.
        return LedgerRules.Compute(terms, [.. DocumentPeriods.Of(documents), .. graduate.Feed?.LedgerPeriods() ?? []], asOf, graduate.Default);
    }

    private static Outcome<ObligationView> View(Ledger ledger, Language language) => Outcome<ObligationView>.Ok(new ObligationView(
        ledger.Status, Names.Of(ledger.Status).In(language), ledger.Start, ledger.RequiredDays, ledger.CreditedDays, ledger.PausedDays, ledger.RemainingDays,
        ledger.ProjectedCompletion, ledger.OwedIfStopped, ledger.AsOf,
        ledger.Periods.OrderBy(p => p.From).Select(PeriodView.Of).ToList()));
}
