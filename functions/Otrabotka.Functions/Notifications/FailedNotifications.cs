using Azure;
using Azure.Data.Tables;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Notifications;

public sealed record FailedNotificationView(string NotificationId, string GraduateId, string To, string Subject, int? LastStatusCode, string? LastError, int Attempts, DateTimeOffset FailedAt);

/// <summary>Notifications that failed for good, listed for operators with a resend action.</summary>
public sealed class FailedNotifications(StorageClients storage, Outbox outbox, TimeProvider time)
{
    public const string Partition = "failed";

    public async Task<Outcome<Paged<FailedNotificationView>>> ListAsync(string? continuationToken, CancellationToken cancellationToken)
    {
        var (page, bad) = await TablePages.FirstAsync(storage.Table(StorageNames.FailedNotificationsTable), $"PartitionKey eq '{Partition}'", continuationToken, 100, cancellationToken);
        if (bad)
        {
            return Problem.BadContinuationToken;
        }

        if (page is not null)
        {
            return Outcome<Paged<FailedNotificationView>>.Ok(new Paged<FailedNotificationView>(
                page.Values.Select(e => new FailedNotificationView(e.RowKey, e.GetString("GraduateId") ?? "", e.GetString("To") ?? "", e.GetString("Subject") ?? "",
                    e.GetInt32("LastStatusCode"), e.GetString("LastError"), e.GetInt32("Attempts") ?? 0, e.GetDateTimeOffset("FailedAt") ?? default)).ToList(),
                page.ContinuationToken));
        }

        return Outcome<Paged<FailedNotificationView>>.Ok(new Paged<FailedNotificationView>([], null));
    }

    /// <summary>Puts a failed row back to pending with fresh attempts and queues it.</summary>
    public async Task<Outcome<FailedNotificationView>> ResendAsync(string notificationId, CancellationToken cancellationToken)
    {
        if (!GraduateData.SafeKey(notificationId))
        {
            return Problem.NotFound;
        }

        var failed = storage.Table(StorageNames.FailedNotificationsTable);
        var index = await failed.GetEntityIfExistsAsync<TableEntity>(Partition, notificationId, cancellationToken: cancellationToken);
        if (!index.HasValue || index.Value is not { } entry)
        {
            return Problem.NotFound;
        }

        var graduateId = entry.GetString("GraduateId")!;
        var table = storage.Table(StorageNames.GraduatesTable);
        var row = (await table.GetEntityAsync<TableEntity>(graduateId, OutboxRow.RowKeyFor(notificationId), cancellationToken: cancellationToken)).Value;
        if (row.GetString("Status") == OutboxRow.Failed)
        {
            row["Status"] = OutboxRow.Pending;
            row["Attempts"] = 0;
            row["CreatedAt"] = time.GetUtcNow();
            await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
            await storage.Table(StorageNames.OutboxPendingTable).UpsertEntityAsync(
                new TableEntity(Outbox.Bucket(time.GetUtcNow()), Outbox.PendingKey(graduateId, notificationId)) { ["CreatedAt"] = time.GetUtcNow() }, TableUpdateMode.Replace, cancellationToken);
            await outbox.DispatchAsync(graduateId, [notificationId], cancellationToken);
        }

        await failed.DeleteEntityAsync(Partition, notificationId, ETag.All, cancellationToken);
        return Outcome<FailedNotificationView>.Accepted(new FailedNotificationView(notificationId, graduateId, entry.GetString("To") ?? "", entry.GetString("Subject") ?? "", null, null, 0, time.GetUtcNow()));
    }
}

public sealed record SweepResult(int Examined, int Requeued, int Forgotten);

/// <summary>Re-queues outbox rows left pending for over 5 minutes (a crash between commit and dispatch, a lost message).</summary>
public sealed class OutboxSweep(StorageClients storage, Outbox outbox, TimeProvider time)
{
    public static readonly TimeSpan Age = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(2);

    public async Task<SweepResult> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var pending = storage.Table(StorageNames.OutboxPendingTable);
        var graduates = storage.Table(StorageNames.GraduatesTable);
        int examined = 0, requeued = 0, forgotten = 0;
        var filter = $"PartitionKey ge '{Outbox.Bucket(now - Horizon)}' and PartitionKey le '{Outbox.Bucket(now - Age)}'";
        await foreach (var note in pending.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            examined++;
            if (note.GetDateTimeOffset("CreatedAt") is { } created && created > now - Age)
            {
                continue;
            }

            var (graduateId, notificationId) = (note.RowKey[..note.RowKey.IndexOf('|', StringComparison.Ordinal)], note.RowKey[(note.RowKey.IndexOf('|', StringComparison.Ordinal) + 1)..]);
            var row = await graduates.GetEntityIfExistsAsync<TableEntity>(graduateId, OutboxRow.RowKeyFor(notificationId), cancellationToken: cancellationToken);
            var status = row.HasValue && row.Value is { } r ? r.GetString("Status") : null;
            var lastTouched = row.HasValue && row.Value is { } t ? t.GetDateTimeOffset("LastAttemptAt") ?? t.GetDateTimeOffset("CreatedAt") : null;
            if (status == OutboxRow.Pending)
            {
                if (lastTouched is { } touched && touched <= now - Age)
                {
                    await outbox.DispatchAsync(graduateId, [notificationId], cancellationToken);
                    requeued++;
                }
            }
            else
            {
                // Sent, failed, or never committed (the transaction it was noted for did not happen).
                await pending.DeleteEntityAsync(note.PartitionKey, note.RowKey, ETag.All, cancellationToken);
                forgotten++;
            }
        }

        return new SweepResult(examined, requeued, forgotten);
    }
}
