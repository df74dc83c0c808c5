using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Otrabotka.Functions.Adapters;
using Otrabotka.Functions.Configuration;
using Otrabotka.Functions.Notifications;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// Sends the outbox rows a dispatch message names (one commit's e-mails) and records that they were sent
/// (ETag-conditional, in one transaction). A row already sent is
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
        var rows = await PendingRowsAsync(request, cancellationToken);
        if (rows.Count == 0)
        {
            return;
        }

        foreach (var row in rows.Where(row => row.CarriesIndexSync))
        {
            // Done inline by the change unless the message says otherwise (a crash before it, a sweep, a failed inline sync).
            if (!request.Synced)
            {
                await indexes.RunAsync(row.GraduateId, row.DocumentId, cancellationToken);
            }

            row.IndexSynced();
        }

        var running = rows.Select(row => row.IsIndexSync ? SyncIndexesAsync(row, cancellationToken) : SendAsync(row, cancellationToken)).ToList();
        try
        {
            await Task.WhenAll(running);
        }
        catch (Exception) when (running.Any(task => task.IsCompletedSuccessfully))
        {
            // An index sync failed beside e-mails that went: those are recorded first, so the message's next run (the
            // queue's retry) finds them sent and runs the sync alone, instead of sending them again.
            await RecordAsync(request.GraduateId, [.. running.Where(task => task.IsCompletedSuccessfully).Select(task => task.Result)], cancellationToken);
            throw;
        }

        await RecordAsync(request.GraduateId, [.. running.Select(task => task.Result)], cancellationToken);
    }

    /// <summary>The named rows still pending, read in one call (ADR 0003's exactly-once check); a row already sent or failed is left alone.</summary>
    private async Task<List<OutboxRow>> PendingRowsAsync(DispatchRequest request, CancellationToken cancellationToken)
    {
        var ids = request.Ids;
        var found = (await store.FindAllAsync(request.GraduateId, ids, cancellationToken)).ToDictionary(row => row.NotificationId, StringComparer.Ordinal);
        foreach (var id in ids.Where(id => !found.ContainsKey(id)))
        {
            LogMissing(logger, id);
        }

        return ids.Where(found.ContainsKey).Select(id => found[id]).Where(row => row.Status == OutboxRow.Pending).ToList();
    }

    private async Task<Attempt> SyncIndexesAsync(OutboxRow row, CancellationToken cancellationToken)
    {
        await indexes.RunAsync(row.GraduateId, row.DocumentId, cancellationToken);
        row.MarkSent(time.GetUtcNow());
        return new Attempt(row, null, false);
    }

    private async Task<Attempt> SendAsync(OutboxRow row, CancellationToken cancellationToken)
    {
        var result = await SendWithinLimitAsync(row, cancellationToken);
        return new Attempt(row, result, row.RecordAttempt(result, RetryBudget, time.GetUtcNow()));
    }

    /// <summary>
    /// The outcomes recorded in one transaction (the rows share the graduate's partition); then retries are queued,
    /// the notes of the rows done are removed together and rows failed for good are listed for operators.
    /// </summary>
    private async Task RecordAsync(string graduateId, IReadOnlyList<Attempt> attempts, CancellationToken cancellationToken)
    {
        var saved = (await store.SaveAllAsync(attempts.Select(attempt => attempt.Row).ToList(), cancellationToken)).ToHashSet();
        foreach (var raced in attempts.Where(attempt => !saved.Contains(attempt.Row)))
        {
            LogRaced(logger, raced.Row.NotificationId);
        }

        var recorded = attempts.Where(attempt => saved.Contains(attempt.Row)).ToList();
        foreach (var retry in recorded.Where(attempt => attempt.Retry))
        {
            logger.EmailRetried(graduateId, retry.Row.NotificationId, retry.Row.Attempts, retry.Result!.StatusCode);
            await outbox.DispatchAsync(graduateId, [retry.Row.NotificationId], cancellationToken, RetryDelay(settings.Value.RetryBaseSeconds, retry.Row.Attempts));
        }

        var done = recorded.Where(attempt => !attempt.Retry).ToList();
        await outbox.ForgetAllAsync(graduateId, done.Select(attempt => (attempt.Row.NotificationId, attempt.Row.CreatedAt ?? time.GetUtcNow())).ToList(), cancellationToken);
        foreach (var failed in done.Where(attempt => attempt.Row.Status == OutboxRow.Failed))
        {
            logger.EmailFailed(graduateId, failed.Row.NotificationId, failed.Row.Attempts, failed.Result?.StatusCode ?? 0);
            await store.ListFailedAsync(failed.Row, failed.Result!, time.GetUtcNow(), cancellationToken);
        }
    }

    /// <summary>One row's attempt: its e-mail's result (none for an index sync) and whether to try again.</summary>
    private sealed record Attempt(OutboxRow Row, EmailResult? Result, bool Retry);

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
