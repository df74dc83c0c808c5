using Otrabotka.Domain;
using Otrabotka.Functions.Http;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// A ledger period as shown: <see cref="Evidence"/> says what it rests on — an uploaded document (with the employer
/// link), a paper an operator filed, or the pension feed with the <see cref="Months"/> of contributions.
/// </summary>
public sealed record PeriodView(PeriodKind Kind, DateOnly From, DateOnly? To, bool Credited, string Source, EvidenceKind Evidence = EvidenceKind.Document, IReadOnlyList<string>? Months = null);

public sealed record ObligationView(
    ObligationStatus Status, string StatusName, DateOnly Start, int RequiredDays, int CreditedDays, int PausedDays, int RemainingDays,
    DateOnly? ProjectedCompletion, decimal OwedIfStoppedToday, DateOnly AsOf, IReadOnlyList<PeriodView> Periods);

/// <summary>The obligation ledger of a graduate, computed from their accepted documents as of the Almaty date.</summary>
public sealed class Obligations(Graduates graduates, GraduateData data, StorageClients storage, TimeProvider time)
{
    public DateOnly Today() => Almaty.Today(time);

    public async Task<Outcome<ObligationView>> ForIinAsync(string iin, Language language, CancellationToken cancellationToken) =>
        await graduates.FindByIinAsync(iin, cancellationToken) is { } g ? await ViewAsync(g, language, cancellationToken) : Problem.NotFound;

    public async Task<Outcome<ObligationView>> ForIdAsync(string graduateId, Language language, CancellationToken cancellationToken) =>
        await graduates.GetAsync(graduateId, cancellationToken) is { } g ? await ViewAsync(g, language, cancellationToken) : Problem.NotFound;

    public async Task<Ledger> LedgerAsync(GraduateRecord g, DateOnly asOf, CancellationToken cancellationToken) =>
        Compute(g, await data.DocumentsAsync(g.Id, cancellationToken), asOf);

    public static Ledger Compute(GraduateRecord g, IReadOnlyList<DocumentRow> documents, DateOnly asOf)
    {
        var terms = g.Obligation.Resolve(RuleTable.Default).Value ?? throw new InvalidDataException($"Graduate {g.Id} has an obligation the rules refuse.");
        // The pension feed's credited months (kept on the profile) count beside the documents; a day counts once.
        return LedgerRules.Compute(terms, [.. Periods(documents), .. g.Feed?.LedgerPeriods() ?? []], asOf, g.Default);
    }

    /// <summary>Accepted documents become periods; an accepted employment-end closes the job EmploymentEndRules.Closes names.</summary>
    public static List<Period> Periods(IReadOnlyList<DocumentRow> documents)
    {
        var accepted = documents.Where(d => d.Status == DocumentStatus.Accepted).OrderBy(d => d.ReceivedAt).ToList();
        var jobs = new Dictionary<string, (DateOnly From, DateOnly? To)>();
        var periods = new List<Period>();
        foreach (var d in accepted)
        {
            switch (d.Kind)
            {
                case DocumentKind.EmploymentConfirmation:
                    var job = DocumentMetadata.Read<EmploymentMeta>(d.Metadata);
                    jobs[d.Id] = (job.StartDate, job.EndDate);
                    break;
                case DocumentKind.EmploymentEnd:
                    var end = DocumentMetadata.Read<EmploymentEndMeta>(d.Metadata);
                    var target = EmploymentEndRules.Closes(jobs.Select(j => new Period(PeriodKind.Employment, j.Value.From, j.Value.To, j.Key)), end.EmploymentDocumentId, end.EndDate);
                    if (target.IsValid)
                    {
                        jobs[target.Value!.Source] = (target.Value.From, end.EndDate);
                    }

                    break;
                case DocumentKind.UnemploymentRegistration:
                    var u = DocumentMetadata.Read<UnemploymentMeta>(d.Metadata);
                    periods.Add(new Period(PeriodKind.UnemploymentRegistration, u.RegisteredFrom, u.RegisteredTo, d.Id));
                    break;
                case DocumentKind.DeferralProof:
                    var m = DocumentMetadata.Read<DeferralMeta>(d.Metadata);
                    periods.Add(new Period(PeriodKind.MilitaryService, m.ServiceStart, m.ServiceEnd, d.Id));
                    break;
                case DocumentKind.ExemptionProof:
                    var x = DocumentMetadata.Read<ExemptionMeta>(d.Metadata);
                    periods.Add(new Period(PeriodKind.Exemption, x.CommissionDecisionDate, null, d.Id));
                    break;
            }
        }

        periods.AddRange(jobs.Select(j => new Period(PeriodKind.Employment, j.Value.From, j.Value.To, j.Key)));
        return periods;
    }

    /// <summary>
    /// Keeps the profile's status and region (from the latest accepted job) current, for operators' search.
    /// ETag-conditional; a 412 is retried from fresh state.
    /// </summary>
    public async Task RefreshSnapshotAsync(string graduateId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (await graduates.GetAsync(graduateId, cancellationToken) is not { } g)
            {
                return;
            }

            var documents = await data.DocumentsAsync(g.Id, cancellationToken);
            var ledger = Compute(g, documents, Today());
            var region = documents.Where(d => d.Kind == DocumentKind.EmploymentConfirmation && d.Status == DocumentStatus.Accepted)
                .OrderByDescending(d => d.ReceivedAt).Select(d => (Region?)DocumentMetadata.Read<EmploymentMeta>(d.Metadata).Region).FirstOrDefault() ?? g.Region;
            if (g.Status == ledger.Status && g.Region == region)
            {
                return;
            }

            try
            {
                await storage.Table(StorageNames.GraduatesTable).UpdateEntityAsync(GraduateStore.ToEntity(g with { Status = ledger.Status, Region = region }), g.ETag, Azure.Data.Tables.TableUpdateMode.Replace, cancellationToken);
                return;
            }
            catch (Azure.RequestFailedException ex) when (ex.Status == 412)
            {
            }
        }
    }

    private async Task<Outcome<ObligationView>> ViewAsync(GraduateRecord g, Language language, CancellationToken cancellationToken)
    {
        var documents = await data.DocumentsAsync(g.Id, cancellationToken);
        var ledger = Compute(g, documents, Today());
        var byOperator = documents.Where(d => d.SubmittedBy == "operator").Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        return Outcome<ObligationView>.Ok(new ObligationView(
            ledger.Status, Names.Of(ledger.Status).In(language), ledger.Start, ledger.RequiredDays, ledger.CreditedDays, ledger.PausedDays, ledger.RemainingDays,
            ledger.ProjectedCompletion, ledger.OwedIfStopped, ledger.AsOf,
            ledger.Periods.OrderBy(p => p.From).Select(p => View(p, byOperator)).ToList()));
    }

    private static PeriodView View(Period period, HashSet<string> byOperator)
    {
        var evidence = period.EvidenceOrDocument;
        var kind = evidence.Kind == EvidenceKind.Document && byOperator.Contains(period.Source) ? EvidenceKind.OperatorPaper : evidence.Kind;
        return new PeriodView(period.Kind, period.From, period.To, period.IsCredited, period.Source, kind,
            kind == EvidenceKind.PensionFeed ? [.. evidence.Months.Select(m => m.ToString())] : null);
    }
}
