using Azure;
using Azure.Data.Tables;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Notifications;

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

            // Unlisted before the dispatch: one that fails again at once (in this process, ADR 0031) lists it anew.
            await failed.DeleteEntityAsync(Partition, notificationId, ETag.All, cancellationToken);
            await outbox.DispatchAsync(graduateId, [notificationId], cancellationToken);
        }
        else
        {
            await failed.DeleteEntityAsync(Partition, notificationId, ETag.All, cancellationToken);
        }

        return Outcome<FailedNotificationView>.Accepted(new FailedNotificationView(notificationId, graduateId, entry.GetString("To") ?? "", entry.GetString("Subject") ?? "", null, null, 0, time.GetUtcNow()));
    }
}
