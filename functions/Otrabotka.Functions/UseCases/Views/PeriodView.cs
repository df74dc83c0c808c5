using Otrabotka.Domain;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// A ledger period as shown: <see cref="Evidence"/> says what it rests on — an uploaded document (with the employer
/// link), a paper an operator filed, or the pension feed with the <see cref="Months"/> of contributions (YYYY-MM).
/// </summary>
public sealed record PeriodView(PeriodKind Kind, DateOnly From, DateOnly? To, bool Credited, string Source, EvidenceKind Evidence = EvidenceKind.Document, IReadOnlyList<string>? Months = null)
{
    public static PeriodView Of(Period period)
    {
        var evidence = period.EvidenceOrDocument;
        return new(period.Kind, period.From, period.To, period.IsCredited, period.Source, evidence.Kind,
            evidence.Kind == EvidenceKind.PensionFeed ? [.. evidence.Months.Select(month => month.ToString())] : null);
    }
}
