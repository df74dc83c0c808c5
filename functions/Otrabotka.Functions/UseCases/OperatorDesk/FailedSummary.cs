using Otrabotka.Functions.Notifications;

namespace Otrabotka.Functions.UseCases.OperatorDesk;

/// <summary>Failed e-mails on the dashboard: how many (counted up to 1000: Capped), and the first few with their resend ids.</summary>
public sealed record FailedSummary(int Count, bool Capped, IReadOnlyList<FailedNotificationView> Oldest);
