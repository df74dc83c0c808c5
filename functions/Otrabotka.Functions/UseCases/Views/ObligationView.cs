using Otrabotka.Domain;

namespace Otrabotka.Functions.UseCases;

public sealed record ObligationView(
    ObligationStatus Status, string StatusName, DateOnly Start, int RequiredDays, int CreditedDays, int PausedDays, int RemainingDays,
    DateOnly? ProjectedCompletion, decimal OwedIfStoppedToday, DateOnly AsOf, IReadOnlyList<PeriodView> Periods);
