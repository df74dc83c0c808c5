using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Otrabotka.Functions.Adapters;
using Otrabotka.Functions.Configuration;
using Otrabotka.Functions.Notifications;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>The queue message that asks for one outbox row to be sent. It carries ids only, never personal data.</summary>
public sealed record DispatchRequest(string GraduateId, string NotificationId)
{
    public static DispatchRequest Parse(string message)
    {
        DispatchRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<DispatchRequest>(message, Json.Options);
        }
        catch (JsonException ex)
        {
            throw new FormatException("A dispatch message must be JSON {graduateId, notificationId}.", ex);
        }

        if (request is null || string.IsNullOrWhiteSpace(request.GraduateId) || string.IsNullOrWhiteSpace(request.NotificationId))
        {
            throw new FormatException("A dispatch message must name graduateId and notificationId.");
        }

        return request;
    }
}

/// <summary>
/// Sends one outbox row by e-mail and records that it was sent (ETag-conditional). A row already sent is
/// never sent again; the window between SendGrid's 202 and the record is at-least-once
/// (docs/decisions/0003-outbox.md). 429/5xx are retried with exponential back-off by re-queuing the
/// message with a delay; after 5 attempts, or at once on another 4xx, the row is marked failed and listed
/// for operators.
/// </summary>
public sealed partial class DispatchNotification(StorageClients storage, IEmailSender sender, Outbox outbox, IndexSync indexes, IOptions<NotificationSettings> settings, EmployerMailQuota quota, TimeProvider time, ILogger<DispatchNotification> logger)
{
    public const int MaxAttempts = 5;

    public async Task RunAsync(string message, CancellationToken cancellationToken)
    {
        var request = DispatchRequest.Parse(message);
        var table = storage.Table(StorageNames.GraduatesTable);
        var rowKey = OutboxRow.RowKeyFor(request.NotificationId);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(request.GraduateId, rowKey, cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value is null)
        {
            LogMissing(logger, request.NotificationId);
            return;
        }

        var row = new OutboxRow(found.Value);
        if (row.Status != OutboxRow.Pending)
        {
            return;
        }

        var entity = found.Value;
        if (entity.GetString("Kind") == IndexSync.Kind)
        {
            await indexes.RunAsync(request.GraduateId, entity.GetString("DocumentId"), cancellationToken);
            entity["Status"] = OutboxRow.Sent;
            entity["SentAt"] = time.GetUtcNow();
            try
            {
                await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                return;
            }

            await outbox.ForgetAsync(request.GraduateId, request.NotificationId, entity.GetDateTimeOffset("CreatedAt") ?? time.GetUtcNow(), cancellationToken);
            return;
        }

        var result = await SendWithinLimitAsync(request.GraduateId, entity, row, cancellationToken);
        var attempts = row.Attempts + 1;
        entity["Attempts"] = attempts;
        entity["LastStatusCode"] = result.StatusCode;
        entity["LastAttemptAt"] = time.GetUtcNow();
        var retry = false;
        switch (result.Outcome)
        {
            case EmailOutcome.Sent:
                entity["Status"] = OutboxRow.Sent;
                entity["SentAt"] = time.GetUtcNow();
                entity["MessageId"] = result.MessageId;
                break;
            case EmailOutcome.Permanent:
                entity["Status"] = OutboxRow.Failed;
                entity["LastError"] = result.Error;
                break;
            default:
                entity["LastError"] = result.Error;
                retry = attempts < MaxAttempts;
                if (!retry)
                {
                    entity["Status"] = OutboxRow.Failed;
                }

                break;
        }

        try
        {
            await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            // Another delivery of the same message recorded its outcome first; that outcome stands.
            LogRaced(logger, request.NotificationId);
            return;
        }

        var created = entity.GetDateTimeOffset("CreatedAt") ?? time.GetUtcNow();
        if (retry)
        {
            var delay = TimeSpan.FromSeconds(settings.Value.RetryBaseSeconds * Math.Pow(2, attempts - 1));
            await outbox.DispatchAsync(request.GraduateId, [request.NotificationId], cancellationToken, delay);
            return;
        }

        await outbox.ForgetAsync(request.GraduateId, request.NotificationId, created, cancellationToken);
        if (entity.GetString("Status") == OutboxRow.Failed)
        {
            LogFailed(logger, request.NotificationId, result.StatusCode);
            await storage.Table(StorageNames.FailedNotificationsTable).UpsertEntityAsync(
                new TableEntity(FailedNotifications.Partition, request.NotificationId)
                {
                    ["GraduateId"] = request.GraduateId,
                    ["To"] = entity.GetString("To"),
                    ["Subject"] = entity.GetString("Subject"),
                    ["LastStatusCode"] = result.StatusCode,
                    ["LastError"] = result.Error,
                    ["Attempts"] = attempts,
                    ["FailedAt"] = time.GetUtcNow(),
                },
                TableUpdateMode.Replace,
                cancellationToken);
        }
    }

    /// <summary>Employer reminders count against the graduate's daily employer-mail limit (uploads and re-issues count when asked for).</summary>
    private async Task<EmailResult> SendWithinLimitAsync(string graduateId, TableEntity entity, OutboxRow row, CancellationToken cancellationToken)
    {
        if (row.Attempts == 0 && entity.GetString("Kind") == Domain.Wire.Name(NotificationKind.ReminderEmployerNoAnswer)
            && !(await quota.TryReserveAsync(graduateId, entity.GetString("To") ?? "", "notification|" + row.NotificationId, cancellationToken)).Allowed)
        {
            return new EmailResult(EmailOutcome.Permanent, 429, null, "employer-mail-limit: the graduate's daily limit of employer e-mails was reached");
        }

        return await sender.SendAsync(row.ToEmail(), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {NotificationId} has no outbox row; nothing to send")]
    private static partial void LogMissing(ILogger logger, string notificationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {NotificationId} was recorded by a concurrent delivery")]
    private static partial void LogRaced(ILogger logger, string notificationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {NotificationId} failed for good (last status {Status})")]
    private static partial void LogFailed(ILogger logger, string notificationId, int status);
}

/// <summary>An outbox row: one e-mail to send, stored in the graduate's partition beside the change that caused it.</summary>
public sealed class OutboxRow(TableEntity entity)
{
    public const string Prefix = "ntf|";
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Failed = "failed";

    public static string RowKeyFor(string notificationId) => Prefix + notificationId;

    public string NotificationId => entity.RowKey[Prefix.Length..];
    public string Status => entity.GetString("Status") ?? Pending;
    public int Attempts => entity.GetInt32("Attempts") ?? 0;

    public EmailMessage ToEmail() => new(
        entity.GetString("To") ?? "",
        entity.GetString("Subject") ?? "",
        entity.GetString("Text") ?? "",
        entity.GetString("Html") ?? "",
        new Dictionary<string, string> { ["notificationId"] = NotificationId });

    public static TableEntity Create(string graduateId, string notificationId, EmailMessage message, DateTimeOffset createdAt) =>
        new(graduateId, RowKeyFor(notificationId))
        {
            ["Status"] = Pending,
            ["Attempts"] = 0,
            ["To"] = message.To,
            ["Subject"] = message.Subject,
            ["Text"] = message.Text,
            ["Html"] = message.Html,
            ["CreatedAt"] = createdAt,
        };
}
