using Otrabotka.Domain;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>A graduate's pension feed as the operator sees it: consent, credited periods with months, reviews, flags.</summary>
public sealed record GraduateFeedView(string GraduateId, FeedConsent Consent, bool ConfirmsEmployment, string? LastPaidMonth,
    IReadOnlyList<FeedPeriodState> Periods, IReadOnlyList<FeedReviewState> Reviews, IReadOnlyList<FeedFlagState> Flags)
{
    /// <summary>The view of a graduate's feed on <paramref name="today"/> (whether the feed confirms employment depends on the day).</summary>
    public static GraduateFeedView Of(GraduateRecord graduate, DateOnly today)
    {
        var feed = graduate.Feed ?? new FeedState();
        return new GraduateFeedView(graduate.Id, feed.Consent, feed.ConfirmsEmployment(graduate.Iin, today), feed.LastPaidMonth, feed.Periods, feed.Reviews, feed.Flags);
    }
}
