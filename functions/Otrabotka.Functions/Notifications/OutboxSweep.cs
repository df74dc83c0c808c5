using Azure;
using Azure.Data.Tables;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Notifications;

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
