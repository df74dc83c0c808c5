namespace Otrabotka.Domain;

/// <summary>
/// What the feed says against the documents, flagged to the operator (never refused by itself): an accepted
/// employment document with no contributions at its employer for two months or more after its start;
/// contributions at another employer than the confirmed one; contributions while an exemption or a deferral
/// is recorded.
/// </summary>
public static class FeedCrossChecks
{
    /// <summary>How many months in a row with no contribution after a document's start raise the flag.</summary>
    public const int SilentMonths = 2;

    /// <summary>
    /// One graduate's flags. <paramref name="coveredThrough"/> is the last month the feed covers (months after
    /// it are not yet reported and prove nothing); <paramref name="pauses"/> are the graduate's exemption and
    /// military-service periods.
    /// </summary>
    public static IReadOnlyList<FeedFlag> Check(
        IEnumerable<ContributionMonth> months,
        IReadOnlyList<DocumentedEmployment> documents,
        IEnumerable<Period> pauses,
        FeedMonth coveredThrough)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var paid = FeedMatching.Latest(months).Where(m => m.Paid).ToList();
        var flags = new List<FeedFlag>();
        flags.AddRange(documents.Select(d => Silent(d, paid, coveredThrough)).OfType<FeedFlag>());
        flags.AddRange(OtherEmployer(paid, documents));
        flags.AddRange(WhilePaused(paid, pauses));
        return flags;
    }

    /// <summary>
    /// The months from the one after the document's start (its start month may be part-paid) to its end or the
    /// feed's coverage: the first run of <see cref="SilentMonths"/> or more with nothing paid at its BIN [decision].
    /// </summary>
    private static FeedFlag? Silent(DocumentedEmployment document, List<ContributionMonth> paid, FeedMonth coveredThrough)
    {
        var first = FeedMonth.Of(document.Start).AddMonths(1);
        var last = document.End is { } end && FeedMonth.Of(end) < coveredThrough ? FeedMonth.Of(end) : coveredThrough;
        var paidHere = paid.Where(m => m.EmployerBin == document.EmployerBin).Select(m => m.Month.Index).ToHashSet();
        var silent = new List<FeedMonth>();
        for (var month = first; month <= last; month = month.AddMonths(1))
        {
            if (!paidHere.Contains(month.Index))
            {
                silent.Add(month);
            }
            else if (silent.Count >= SilentMonths)
            {
                break;
            }
            else
            {
                silent.Clear();
            }
        }

        return silent.Count >= SilentMonths ? new FeedFlag(DomainReasons.FeedNoContributions, document.EmployerBin, silent, document.DocumentId) : null;
    }

    /// <summary>Paid months at a BIN no accepted document names, in months an accepted document at another BIN covers.</summary>
    private static IEnumerable<FeedFlag> OtherEmployer(List<ContributionMonth> paid, IReadOnlyList<DocumentedEmployment> documents)
    {
        var documented = documents.Select(d => d.EmployerBin).ToHashSet();
        return paid.Where(m => !documented.Contains(m.EmployerBin) && documents.Any(d => d.Covers(m.Month)))
                   .GroupBy(m => m.EmployerBin)
                   .Select(g => new FeedFlag(DomainReasons.FeedOtherEmployer, g.Key, [.. g.Select(m => m.Month).Order()],
                       documents.First(d => d.Covers(g.First().Month)).DocumentId));
    }

    /// <summary>Paid months on or after an exemption's decision, or within military service.</summary>
    private static IEnumerable<FeedFlag> WhilePaused(List<ContributionMonth> paid, IEnumerable<Period> pauses)
    {
        foreach (var pause in pauses.Where(p => p.Kind is PeriodKind.Exemption or PeriodKind.MilitaryService))
        {
            var reason = pause.Kind == PeriodKind.Exemption ? DomainReasons.FeedPaidWhileExempt : DomainReasons.FeedPaidWhileDeferred;
            var during = paid.Where(m => m.Month.Last >= pause.From && (pause.To is not { } to || m.Month.First <= to));
            foreach (var employer in during.GroupBy(m => m.EmployerBin))
            {
                yield return new FeedFlag(reason, employer.Key, [.. employer.Select(m => m.Month).Order()], pause.Source);
            }
        }
    }
}
