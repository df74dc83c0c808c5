using System.Globalization;
using Otrabotka.Domain;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// What the pension feed has established for one graduate, kept on the profile row so that every ledger read
/// (obligation, reminders, status snapshot) sees the credited months without another storage call: consent,
/// the credited periods with their months, the review items and flags raised, the last paid month, and the
/// e-mails already sent (so none is sent twice, and never one per month or per import).
/// </summary>
public sealed record FeedState
{
    public FeedConsent Consent { get; init; } = FeedConsent.Unknown;

    public IReadOnlyList<FeedPeriodState> Periods { get; init; } = [];

    public IReadOnlyList<FeedReviewState> Reviews { get; init; } = [];

    public IReadOnlyList<FeedFlagState> Flags { get; init; } = [];

    /// <summary>The last month with a contribution paid at any employer (YYYY-MM) and that employer's BIN.</summary>
    public string? LastPaidMonth { get; init; }

    public string? LastPaidBin { get; init; }

    /// <summary>Keys of the feed e-mails already written to the outbox: credited|BIN, review|BIN, stopped|BIN|YYYY-MM.</summary>
    public IReadOnlyList<string> Notified { get; init; } = [];

    /// <summary>Credited employers whose last reported month was paid: where a stop may still be seen (FeedStops.Watch).</summary>
    public IReadOnlyList<FeedWatchState> Watching { get; init; } = [];

    /// <summary>Whether the feed has anything for this graduate that a document accepted later must be checked against.</summary>
    public bool HasMonths => Periods.Count > 0 || Reviews.Count > 0 || Flags.Count > 0 || LastPaidMonth is not null || Watching.Count > 0 || CoveredThrough is not null;

    /// <summary>The latest month reported for this graduate at any employer (YYYY-MM), paid or not.</summary>
    public string? CoveredThrough { get; init; }

    /// <summary>The ledger periods the feed credits (evidence pension-feed, with the months).</summary>
    public IEnumerable<Period> LedgerPeriods() => Periods.Select(p => p.ToPeriod());

    /// <summary>The last paid month as the consent rule reads it (null when none or the IIN is not valid).</summary>
    public IReadOnlyList<ContributionMonth> LastPaid(string iin) =>
        LastPaidMonth is { } month && FeedMonth.TryParse(month, out var parsed) && Iin.Parse(iin) is { IsValid: true } id && Bin.Parse(LastPaidBin) is { IsValid: true } bin
            ? [new ContributionMonth(id.Value, bin.Value, parsed, true, DateTimeOffset.MinValue, "")]
            : [];

    /// <summary>Whether the feed confirms the graduate's employment on the day (consent and a recent paid month).</summary>
    public bool ConfirmsEmployment(string iin, DateOnly today) => FeedConsentRules.FeedConfirmsEmployment(Consent, LastPaid(iin), today);
}

/// <summary>A credited feed period: the employer, its dates and the months of contributions it rests on.</summary>
public sealed record FeedPeriodState(string Bin, DateOnly From, DateOnly To, IReadOnlyList<string> Months)
{
    public static FeedPeriodState Of(Period period)
    {
        var months = period.Evidence?.Months ?? [];
        var bin = period.Source.Split('|') is [_, var value, ..] ? value : "";
        return new FeedPeriodState(bin, period.From, period.To ?? period.From, [.. months.Select(m => m.ToString())]);
    }

    public Period ToPeriod() =>
        new(PeriodKind.Employment, From, To, $"{FeedMatching.EvidenceName}|{Bin}|{Months.FirstOrDefault() ?? From.ToString("yyyy-MM", CultureInfo.InvariantCulture)}",
            PeriodEvidence.PensionFeed([.. Months.Select(m => FeedMonth.TryParse(m, out var month) ? month : FeedMonth.Of(From))]));
}

/// <summary>A review item the feed raised: months at an employer the rules could not credit, and why.</summary>
public sealed record FeedReviewState(string Bin, IReadOnlyList<string> Reasons, IReadOnlyList<string> Months);

/// <summary>A cross-check flag the feed raised.</summary>
public sealed record FeedFlagState(string Key, string Code, string Bin, IReadOnlyList<string> Months, string? DocumentId);

/// <summary>An employer watched for a stop: the last month paid there (YYYY-MM).</summary>
public sealed record FeedWatchState(string Bin, string LastPaid);
