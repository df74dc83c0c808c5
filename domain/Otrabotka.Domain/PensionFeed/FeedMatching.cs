namespace Otrabotka.Domain;

/// <summary>
/// The feed's matching rules, pure: the latest file wins per (IIN, BIN, month); paid months at an employer
/// the registry knows and the eligibility rules accept for the graduate's category become credited
/// employment (adjacent months merge, a month with no contribution ends a period, each month credits its
/// calendar days clipped to the obligation's start and to the dates an accepted document gives for the BIN);
/// paid months anywhere else become one review item per (graduate, BIN), with the reason.
/// </summary>
public static class FeedMatching
{
    /// <summary>The evidence name on the wire and in a period's source.</summary>
    public const string EvidenceName = "pension-feed";

    /// <summary>Of every report of the same (IIN, BIN, month), the one from the latest file.</summary>
    public static IReadOnlyList<ContributionMonth> Latest(IEnumerable<ContributionMonth> months) =>
        months.GroupBy(m => (m.Iin, m.EmployerBin, m.Month))
              .Select(g => g.Aggregate((kept, next) => next.Supersedes(kept) ? next : kept))
              .OrderBy(m => m.EmployerBin.Value, StringComparer.Ordinal).ThenBy(m => m.Month)
              .ToList();

    /// <summary>
    /// Matches one graduate's months (any files, any order; the latest report of each month counts).
    /// <paramref name="registry"/> finds an employer by BIN, null when unknown; <paramref name="documents"/> are
    /// the graduate's accepted employment documents; <paramref name="otherJobs"/> their other accepted jobs (late-start warning only).
    /// </summary>
    public static FeedMatch Match(
        ObligationTerms terms,
        IEnumerable<ContributionMonth> months,
        Func<Bin, EmployerRegistryEntry?> registry,
        IReadOnlyList<DocumentedEmployment> documents,
        IEnumerable<Period>? otherJobs = null)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(documents);
        var periods = new List<Period>();
        var reviews = new List<FeedReview>();
        foreach (var employer in Latest(months).GroupBy(m => m.EmployerBin))
        {
            var paid = employer.Where(m => m.Paid).Select(m => m.Month).Order().ToList();
            if (paid.Count == 0)
            {
                continue;
            }

            var iin = employer.First().Iin;
            if (registry(employer.Key) is not { } entry)
            {
                reviews.Add(new FeedReview(iin, employer.Key, [DomainReasons.FeedEmployerUnknown], paid));
                continue;
            }

            var eligibility = EligibilityRules.Check(terms, entry.Workplace, paid[0].First, otherJobs);
            if (!eligibility.IsEligible)
            {
                reviews.Add(new FeedReview(iin, employer.Key, eligibility.Reasons, paid));
                continue;
            }

            var clips = documents.Where(d => d.EmployerBin == employer.Key).ToList();
            periods.AddRange(Runs(paid).Select(run => Credit(terms.Start, employer.Key, run, clips)).OfType<Period>());
        }

        return new FeedMatch(periods, reviews);
    }

    /// <summary>Consecutive months as runs: a month missing or unpaid ends one.</summary>
    public static IEnumerable<List<FeedMonth>> Runs(IReadOnlyList<FeedMonth> paidInOrder)
    {
        ArgumentNullException.ThrowIfNull(paidInOrder);
        var run = new List<FeedMonth>();
        foreach (var month in paidInOrder)
        {
            if (run.Count > 0 && month.Index != run[^1].Index + 1)
            {
                yield return run;
                run = [];
            }

            run.Add(month);
        }

        if (run.Count > 0)
        {
            yield return run;
        }
    }

    /// <summary>
    /// A run's calendar days, from no earlier than the obligation's start; the month holding an accepted
    /// document's start credits from that start, the month holding its end up to that end [decision].
    /// Null when nothing of the run is left.
    /// </summary>
    private static Period? Credit(DateOnly obligationStart, Bin bin, List<FeedMonth> run, List<DocumentedEmployment> documents)
    {
        var from = run[0].First;
        var to = run[^1].Last;
        foreach (var document in documents)
        {
            if (run[0].Contains(document.Start) && document.Start > from)
            {
                from = document.Start;
            }

            if (document.End is { } end && run[^1].Contains(end) && end < to)
            {
                to = end;
            }
        }

        if (from < obligationStart)
        {
            from = obligationStart;
        }

        return to < from ? null : new Period(PeriodKind.Employment, from, to, $"{EvidenceName}|{bin.Value}|{run[0]}", PeriodEvidence.PensionFeed(run));
    }
}
