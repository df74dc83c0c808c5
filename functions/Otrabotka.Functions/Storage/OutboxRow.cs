using Azure.Data.Tables;
using Otrabotka.Functions.Adapters;

namespace Otrabotka.Functions.Storage;

/// <summary>An outbox row: one e-mail to send (or an index sync to run), stored in the graduate's partition beside the change that caused it.</summary>
public sealed class OutboxRow(TableEntity entity)
{
    public const string Prefix = "ntf|";
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string IndexSyncKind = "index-sync";

    public static string RowKeyFor(string notificationId) => Prefix + notificationId;

    public string GraduateId => entity.PartitionKey;
    public string NotificationId => entity.RowKey[Prefix.Length..];
    public string Status => entity.GetString("Status") ?? Pending;
    public int Attempts => entity.GetInt32("Attempts") ?? 0;
    public bool IsIndexSync => entity.GetString("Kind") == IndexSyncKind;

    /// <summary>An e-mail row that carries its change's index sync (ADR 0017), until a dispatch has run or skipped it.</summary>
    public bool CarriesIndexSync => entity.GetBoolean("IndexSync") == true;

    public void IndexSynced() => entity["IndexSync"] = false;
    public string? DocumentId => entity.GetString("DocumentId");
    public DateTimeOffset? CreatedAt => entity.GetDateTimeOffset("CreatedAt");
    public string? LastError => entity.GetString("LastError");
    public string Kind => entity.GetString("Kind") ?? "";
    public string To => entity.GetString("To") ?? "";

    internal TableEntity Entity => entity;

    public EmailMessage ToEmail() => new(
        entity.GetString("To") ?? "",
        entity.GetString("Subject") ?? "",
        entity.GetString("Text") ?? "",
        entity.GetString("Html") ?? "",
        new Dictionary<string, string> { ["notificationId"] = NotificationId });

    public void MarkSent(DateTimeOffset at, string? messageId = null)
    {
        entity["Status"] = Sent;
        entity["SentAt"] = at;
        if (messageId is not null)
        {
            entity["MessageId"] = messageId;
        }
    }

    /// <summary>
    /// Records a send attempt; returns whether to try again: a transient failure (429, 5xx, no answer) is retried
    /// until <paramref name="retryBudget"/> has passed since the row was created (or resent by an operator).
    /// </summary>
    public bool RecordAttempt(EmailResult result, TimeSpan retryBudget, DateTimeOffset at)
    {
        var attempts = Attempts + 1;
        entity["Attempts"] = attempts;
        entity["LastStatusCode"] = result.StatusCode;
        entity["LastAttemptAt"] = at;
        switch (result.Outcome)
        {
            case EmailOutcome.Sent:
                MarkSent(at, result.MessageId);
                return false;
            case EmailOutcome.Permanent:
                entity["Status"] = Failed;
                entity["LastError"] = result.Error;
                return false;
            case EmailOutcome.Transient:
                var retry = at < (CreatedAt ?? at) + retryBudget;
                entity["LastError"] = result.Error;
                entity["Status"] = retry ? Pending : Failed;
                return retry;
            default:
                throw new ArgumentOutOfRangeException(nameof(result));
        }
    }

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
