using Otrabotka.Domain;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>The obligation ledger of a graduate, computed from their accepted documents as of the Almaty date; each period shows its evidence.</summary>
public sealed class ReadObligation(GraduateRepository repository, TimeProvider time)
{
    public async Task<Outcome<ObligationView>> RunAsync(string graduateId, Language language, CancellationToken cancellationToken) =>
        await repository.LoadAsync(graduateId, cancellationToken) is { } unit ? View(GraduateLedger.Compute(unit.Graduate, unit.Documents, Today()), language) : Problem.NotFound;

    private DateOnly Today() => Almaty.Today(time);

    private static Outcome<ObligationView> View(Ledger ledger, Language language) => Outcome<ObligationView>.Ok(new ObligationView(
        ledger.Status, Names.Of(ledger.Status).In(language), ledger.Start, ledger.RequiredDays, ledger.CreditedDays, ledger.PausedDays, ledger.RemainingDays,
        ledger.ProjectedCompletion, ledger.OwedIfStopped, ledger.AsOf,
        ledger.Periods.OrderBy(p => p.From).Select(PeriodView.Of).ToList()));
}
