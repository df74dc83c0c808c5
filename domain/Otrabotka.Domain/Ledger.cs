namespace Otrabotka.Domain;

public enum PeriodKind
{
    /// <summary>Confirmed employment at an eligible workplace: credited.</summary>
    Employment,
    /// <summary>Registered as a job seeker after the commission's referral for lack of a vacancy: credited.</summary>
    UnemploymentRegistration,
    /// <summary>Compulsory military service: a deferral. Not credited; the end moves by its length.</summary>
    MilitaryService,
    /// <summary>An exemption granted by the commission (п.17-2): the obligation ends.</summary>
    Exemption,
}

public enum ObligationStatus
{
    NotStarted,
    InProgress,
    Paused,
    Completed,
    Exempt,
    AtRisk,
    Defaulted,
}

/// <summary>
/// One accepted period of a graduate's record. <see cref="To"/> is inclusive; null means it goes on.
/// <see cref="Evidence"/> says what it rests on; none given means an uploaded document (every caller before the pension feed).
/// </summary>
public sealed record Period(PeriodKind Kind, DateOnly From, DateOnly? To, string Source, PeriodEvidence? Evidence = null)
{
    public bool IsCredited => Kind is PeriodKind.Employment or PeriodKind.UnemploymentRegistration;

    public PeriodEvidence EvidenceOrDocument => Evidence ?? PeriodEvidence.Document;
}

/// <summary>An operator's declaration of default: the amount owed is fixed as of its date.</summary>
public sealed record DefaultDeclaration(DateOnly AsOf, string Note);

/// <summary>The obligation's account on a given day.</summary>
public sealed record Ledger(
    ObligationStatus Status,
    DateOnly AsOf,
    DateOnly Start,
    int RequiredDays,
    int CreditedDays,
    int PausedDays,
    int RemainingDays,
    int GapDays,
    DateOnly? ProjectedCompletion,
    decimal OwedIfStopped,
    IReadOnlyList<Period> Periods);

/// <summary>
/// Works out the ledger from a graduate's periods, in any order: overlapping jobs count once, military
/// service pauses (not credited), the amount owed is proportional to the time not worked (п.17-1).
/// </summary>
public static class LedgerRules
{
    private const int Forever = int.MaxValue / 2;

    public static Ledger Compute(ObligationTerms terms, IReadOnlyList<Period> periods, DateOnly asOf, DefaultDeclaration? declared = null)
    {
        var start = terms.Start.DayNumber;
        var window = asOf.DayNumber + 1;
        var required = terms.RequiredDays;

        Span<(int From, int To)> credit = periods.Count <= 64 ? stackalloc (int, int)[periods.Count] : new (int, int)[periods.Count];
        Span<(int From, int To)> pause = periods.Count <= 64 ? stackalloc (int, int)[periods.Count] : new (int, int)[periods.Count];
        int creditCount = 0, pauseCount = 0;
        var exempt = false;
        foreach (var p in periods)
        {
            var from = Math.Max(p.From.DayNumber, start);
            var to = p.To is { } end ? end.DayNumber + 1 : Forever;
            if (p.Kind == PeriodKind.Exemption)
            {
                exempt |= p.From.DayNumber <= asOf.DayNumber;
                continue;
            }

            if (to <= from)
            {
                continue;
            }

            if (p.IsCredited)
            {
                credit[creditCount++] = (from, to);
            }
            else
            {
                pause[pauseCount++] = (from, to);
            }
        }

        var creditMerged = Merge(credit[..creditCount]);
        var pauseMerged = Merge(pause[..pauseCount]);

        // Credited days are those worked and not paused, up to today.
        var creditedAll = Length(creditMerged, 0, window) - Overlap(creditMerged, pauseMerged, window);
        var credited = Math.Min(creditedAll, required);
        var paused = Length(pauseMerged, 0, window);

        // Projection: let every period run as declared (open ones for ever) and find the day the credit completes.
        var completionDay = CompletionDay(creditMerged, pauseMerged, required);
        DateOnly? projected = completionDay is { } day ? DateOnly.FromDayNumber(day) : null;

        var covered = Covers(creditMerged, asOf.DayNumber) || Covers(pauseMerged, asOf.DayNumber);
        var lastCovered = Math.Max(LastEndBefore(creditMerged, window), LastEndBefore(pauseMerged, window));
        var gap = asOf.DayNumber < start || covered ? 0 : window - Math.Max(lastCovered, start);

        var owed = Owed(terms.Obligation.BudgetCost, required, credited);
        ObligationStatus status;
        if (declared is not null && !exempt)
        {
            status = ObligationStatus.Defaulted;
            var atDefault = Compute(terms, periods, declared.AsOf);
            owed = atDefault.OwedIfStopped;
        }
        else if (exempt)
        {
            status = ObligationStatus.Exempt;
            owed = 0m;
        }
        else if (credited >= required)
        {
            status = ObligationStatus.Completed;
        }
        else if (asOf.DayNumber < start)
        {
            status = ObligationStatus.NotStarted;
        }
        else if (Covers(pauseMerged, asOf.DayNumber))
        {
            status = ObligationStatus.Paused;
        }
        else if (gap > terms.Rules.AtRiskGapDays)
        {
            status = ObligationStatus.AtRisk;
        }
        else if (credited == 0 && !covered)
        {
            status = ObligationStatus.NotStarted;
        }
        else
        {
            status = ObligationStatus.InProgress;
        }

        return new Ledger(status, asOf, terms.Start, required, credited, paused, required - credited, gap, projected, owed, periods);
    }

    /// <summary>
    /// The first day of the gap that follows every known period, credited or paused (military service):
    /// null while any of them runs on (an open job, service still going), or before there is any. A pause
    /// ends the gap, so the at-risk reminder never falls due while the obligation is paused.
    /// </summary>
    public static DateOnly? GapStart(DateOnly obligationStart, IEnumerable<Period> periods)
    {
        DateOnly? last = null;
        foreach (var period in periods.Where(p => p.Kind != PeriodKind.Exemption))
        {
            if (period.To is not { } to)
            {
                return null;
            }

            last = last is { } known && known >= to ? known : to;
        }

        if (last is not { } end)
        {
            return null;
        }

        var day = end.AddDays(1);
        return day > obligationStart ? day : obligationStart;
    }

    /// <summary>owed = budgetCost × (required − credited) ÷ required, never below 0, rounded to the tiyn (п.17-1).</summary>
    public static decimal Owed(decimal budgetCost, int requiredDays, int creditedDays)
    {
        if (requiredDays <= 0)
        {
            return 0m;
        }

        var missing = Math.Max(0, requiredDays - creditedDays);
        return Math.Round(budgetCost * missing / requiredDays, 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>The day on which the credited total reaches the required days, or null if it never does.</summary>
    private static int? CompletionDay(ReadOnlySpan<(int From, int To)> credit, ReadOnlySpan<(int From, int To)> pause, int required)
    {
        var total = 0;
        var j = 0;
        foreach (var (from, to) in credit)
        {
            var cursor = from;
            while (cursor < to)
            {
                while (j < pause.Length && pause[j].To <= cursor)
                {
                    j++;
                }

                var segmentEnd = to;
                if (j < pause.Length && pause[j].From <= cursor)
                {
                    cursor = Math.Min(pause[j].To, to);
                    continue;
                }

                if (j < pause.Length && pause[j].From < segmentEnd)
                {
                    segmentEnd = pause[j].From;
                }

                var length = segmentEnd - cursor;
                if (total + length >= required)
                {
                    var day = cursor + (required - total) - 1;
                    return day >= Forever ? null : day;
                }

                total += length;
                cursor = segmentEnd;
            }
        }

        return null;
    }

    private static (int From, int To)[] Merge(Span<(int From, int To)> intervals)
    {
        if (intervals.Length == 0)
        {
            return [];
        }

        intervals.Sort(static (a, b) => a.From.CompareTo(b.From));
        var merged = new (int From, int To)[intervals.Length];
        var count = 0;
        var current = intervals[0];
        for (var i = 1; i < intervals.Length; i++)
        {
            if (intervals[i].From <= current.To)
            {
                current.To = Math.Max(current.To, intervals[i].To);
            }
            else
            {
                merged[count++] = current;
                current = intervals[i];
            }
        }

        merged[count++] = current;
        return count == merged.Length ? merged : merged[..count];
    }

    private static int Length(ReadOnlySpan<(int From, int To)> merged, int from, int to)
    {
        var total = 0;
        foreach (var (f, t) in merged)
        {
            var a = Math.Max(f, from);
            var b = Math.Min(t, to);
            if (b > a)
            {
                total += b - a;
            }
        }

        return total;
    }

    private static int Overlap(ReadOnlySpan<(int From, int To)> a, ReadOnlySpan<(int From, int To)> b, int window)
    {
        var total = 0;
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            var from = Math.Max(a[i].From, b[j].From);
            var to = Math.Min(Math.Min(a[i].To, b[j].To), window);
            if (to > from)
            {
                total += to - from;
            }

            if (a[i].To < b[j].To)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return total;
    }

    private static bool Covers(ReadOnlySpan<(int From, int To)> merged, int day)
    {
        foreach (var (f, t) in merged)
        {
            if (f <= day && day < t)
            {
                return true;
            }
        }

        return false;
    }

    private static int LastEndBefore(ReadOnlySpan<(int From, int To)> merged, int window)
    {
        var last = int.MinValue;
        foreach (var (f, t) in merged)
        {
            if (f < window)
            {
                last = Math.Max(last, Math.Min(t, window));
            }
        }

        return last;
    }
}
