namespace Otrabotka.Domain;

/// <summary>What the feed gives one graduate: credited employment periods, and review items for what it cannot credit.</summary>
public sealed record FeedMatch(IReadOnlyList<Period> Periods, IReadOnlyList<FeedReview> Reviews);
