namespace Otrabotka.Functions.UseCases.OperatorDesk;

/// <summary>GET /api/operator/dashboard: counts from the counters index sync keeps, the longest-waiting documents, failed e-mails.</summary>
public sealed record DashboardView(
    DateTimeOffset AsOf, long Total, IReadOnlyList<CountView> ByCategory, IReadOnlyList<CountView> ByRegion, IReadOnlyList<CountView> ByStatus,
    long AtRisk, IReadOnlyList<ReviewItem> WaitingLongest, FailedSummary FailedNotifications);
