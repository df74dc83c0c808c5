using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Otrabotka.Functions.Adapters;
using Otrabotka.Functions.Configuration;
using Otrabotka.Functions.Notifications;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// Sends one outbox row by e-mail and records that it was sent (ETag-conditional). A row already sent is
/// never sent again; the window between SendGrid's 202 and the record is at-least-once
/// (docs/decisions/0003-outbox.md). 429/5xx are retried with exponential back-off, capped, by re-queuing the
/// message with a delay; once <see cref="RetryBudget"/> has passed, or at once on another 4xx, the row is
/// marked failed and listed for operators. An index-sync row runs the index sync instead of sending.
/// </summary>
public sealed partial class DispatchNotification(
    OutboxStore store, IEmailSender sender, Outbox outbox, IndexSync indexes, IOptions<NotificationSettings> settings, EmployerMailQuota quota, TimeProvider time, ILogger<DispatchNotification> logger)
{
    /// <summary>How long 429/5xx answers are retried, from the row's creation (or an operator's resend), before it is failed for good.</summary>
    public static readonly TimeSpan RetryBudget = TimeSpan.FromHours(24);

    /// <summary>The longest back-off: under the outbox sweep's age less the queue's polling, so the sweeper never queues a second copy of a row that waits for its retry.</summary>
    public static readonly TimeSpan MaxRetryDelay = OutboxSweep.Age - TimeSpan.FromMinutes(2);

    /// <summary>The back-off stops doubling after this many doublings (64 × base: 128 s at the default 2 s base).</summary>
    public const int MaxDoublings = 6;

    /// <summary>Back-off after the given number of attempts: base × 2^(attempts−1) seconds, at most 64 × base and at most <see cref="MaxRetryDelay"/>.</summary>
    public static TimeSpan RetryDelay(double baseSeconds, int attempts) =>
        TimeSpan.FromSeconds(Math.Min(baseSeconds * Math.Pow(2, Math.Clamp(attempts - 1, 0, MaxDoublings)), MaxRetryDelay.TotalSeconds));

    public async Task RunAsync(string message, CancellationToken cancellationToken)
    {
        var request = DispatchRequest.Parse(message);
        var row = await store.FindAsync(request.GraduateId, request.NotificationId, cancellationToken);
        if (row is null)
        {
            LogMissing(logger, request.NotificationId);
            return;
        }

        if (row.Status != OutboxRow.Pending)
        {
            return;
        }

        if (row.CarriesIndexSync)
        {
            // Done inline by the change unless the message says otherwise (a crash before it, a sweep, a failed inline sync).
            if (!request.Synced)
            {
                await indexes.RunAsync(row.GraduateId, row.DocumentId, cancellationToken);
            }

            row.IndexSynced();
        }

        await (row.IsIndexSync ? SyncIndexesAsync(row, cancellationToken) : SendAsync(row, cancellationToken));
    }

    private async Task SyncIndexesAsync(OutboxRow row, CancellationToken cancellationToken)
    {
        await indexes.RunAsync(row.GraduateId, row.DocumentId, cancellationToken);
        row.MarkSent(time.GetUtcNow());
        if (await store.SaveAsync(row, cancellationToken))
        {
            await outbox.ForgetAsync(row.GraduateId, row.NotificationId, row.CreatedAt ?? time.GetUtcNow(), cancellationToken);
        }
    }

    private async Task SendAsync(OutboxRow row, CancellationToken cancellationToken)
    {
        var result = await SendWithinLimitAsync(row, cancellationToken);
        var retry = row.RecordAttempt(result, RetryBudget, time.GetUtcNow());
        if (!await store.SaveAsync(row, cancellationToken))
        {
            LogRaced(logger, row.NotificationId);
            return;
        }

        if (retry)
        {
            logger.EmailRetried(row.GraduateId, row.NotificationId, row.Attempts, result.StatusCode);
            await outbox.DispatchAsync(row.GraduateId, [row.NotificationId], cancellationToken, RetryDelay(settings.Value.RetryBaseSeconds, row.Attempts));
            return;
        }

        await outbox.ForgetAsync(row.GraduateId, row.NotificationId, row.CreatedAt ?? time.GetUtcNow(), cancellationToken);
        if (row.Status == OutboxRow.Failed)
        {
            logger.EmailFailed(row.GraduateId, row.NotificationId, row.Attempts, result.StatusCode);
            await store.ListFailedAsync(row, result, time.GetUtcNow(), cancellationToken);
        }
    }

    /// <summary>Employer reminders count against the graduate's daily employer-mail limit (uploads and re-issues count when asked for).</summary>
    private async Task<EmailResult> SendWithinLimitAsync(OutboxRow row, CancellationToken cancellationToken)
    {
        if (row.Attempts == 0 && row.Kind == Domain.Wire.Name(NotificationKind.ReminderEmployerNoAnswer)
            && !(await quota.TryReserveAsync(row.GraduateId, row.To, "notification|" + row.NotificationId, cancellationToken)).Allowed)
        {
            return new EmailResult(EmailOutcome.Permanent, 429, null, "employer-mail-limit: the graduate's daily limit of employer e-mails was reached");
        }

        return await sender.SendAsync(row.ToEmail(), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {NotificationId} has no outbox row; nothing to send")]
    private static partial void LogMissing(ILogger logger, string notificationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {NotificationId} was recorded by a concurrent delivery")]
    private static partial void LogRaced(ILogger logger, string notificationId);
}
