using Otrabotka.Domain;

namespace Otrabotka.Functions.UseCases;

/// <summary>A ledger period and what it rests on (the document's id and kind; later the pension feed's months).</summary>
public sealed record PeriodView(PeriodKind Kind, DateOnly From, DateOnly? To, bool Credited, string Source, EvidenceView? Evidence);
