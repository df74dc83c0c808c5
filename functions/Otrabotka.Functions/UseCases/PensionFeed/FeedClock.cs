using Otrabotka.Domain;

namespace Otrabotka.Functions.UseCases;

/// <summary>Where the feed stands when a graduate is assessed: the latest month any feed file has covered, and today (Almaty).</summary>
public sealed record FeedClock(FeedMonth? CoveredThrough, DateOnly Today);
