using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Otrabotka.Domain;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Notifications;

/// <summary>
/// Outbox rows are written in the same transaction as the change they announce. Before that commit each
/// row is also noted in a pending index (by creation hour), so that a crash after the commit but before
/// the dispatch message is queued loses nothing: the sweeper re-queues rows left pending over 5 minutes.
/// See docs/decisions/0003-outbox.md.
/// </summary>
public sealed class Outbox(StorageClients storage, DispatchChannel channel, TimeProvider time)
{
    public (string Id, TableTransactionAction Action) Row(string graduateId, string to, NotificationKind kind, Language language, NoticeModel model, bool bilingual = false)
    {
        var id = GraduateStore.NewId('n');
        var rendered = Templates.Render(kind, language, model, bilingual);
        var entity = OutboxRow.Create(graduateId, id, Templates.Message(to, rendered), time.GetUtcNow());
        entity["Kind"] = Wire.Name(kind);
        return (id, new TableTransactionAction(TableTransactionActionType.Add, entity));
    }

    /// <summary>An outbox row that asks for the cross-graduate indexes to be synced (no e-mail).</summary>
    public (string Id, TableTransactionAction Action) IndexRow(string graduateId, string? documentId)
    {
        var id = GraduateStore.NewId('n');
        var entity = new TableEntity(graduateId, OutboxRow.RowKeyFor(id))
        {
            ["Status"] = OutboxRow.Pending,
            ["Attempts"] = 0,
            ["Kind"] = OutboxRow.IndexSyncKind,
            ["DocumentId"] = documentId,
            ["CreatedAt"] = time.GetUtcNow(),
        };
        return (id, new TableTransactionAction(TableTransactionActionType.Add, entity));
    }

    /// <summary>
    /// Notes the rows as pending (while <paramref name="alongside"/>, the caller's writes that must also precede the
    /// transaction, completes), commits the transaction, then queues one dispatch message for all its rows —
    /// unless a row is <paramref name="held"/>: the caller then syncs at once and queues the commit's rows (or
    /// completes the held index-sync row) itself.
    /// </summary>
    public async Task<DateTimeOffset> CommitAsync(string graduateId, IReadOnlyList<TableTransactionAction> actions, IReadOnlyList<string> notificationIds, CancellationToken cancellationToken, string? held = null, Task? alongside = null)
    {
        var now = time.GetUtcNow();
        await Task.WhenAll(NoteAsync(graduateId, notificationIds, now, cancellationToken), alongside ?? Task.CompletedTask);

        await GraduateStore.CommitAsync(storage, actions, cancellationToken);
        if (held is null)
        {
            await DispatchAsync(graduateId, notificationIds, cancellationToken);
        }

        return now;
    }

    /// <summary>A held row done by its caller: recorded as sent (it was pending, and nothing else runs it) and its pending note forgotten.</summary>
    public async Task CompleteAsync(string graduateId, HeldRow held, CancellationToken cancellationToken)
    {
        var done = new TableEntity(graduateId, OutboxRow.RowKeyFor(held.Id)) { ["Status"] = OutboxRow.Sent, ["SentAt"] = time.GetUtcNow() };
        await storage.Table(StorageNames.GraduatesTable).UpdateEntityAsync(done, ETag.All, TableUpdateMode.Merge, cancellationToken);
        await ForgetAsync(graduateId, held.Id, held.NotedAt, cancellationToken);
    }

    /// <summary>The column that makes an e-mail row carry its change's index sync (run by the dispatcher unless the message says it was done).</summary>
    public static void CarryIndexSync(TableTransactionAction row, string? documentId)
    {
        var entity = (TableEntity)row.Entity;
        entity["IndexSync"] = true;
        entity["DocumentId"] = documentId;
    }

    /// <summary>
    /// One dispatch message (ids only) for the rows: the rows of one commit are sent by one dispatch. Without a delay it
    /// is run by this process when it can take it (<see cref="DispatchChannel"/>, ADR 0031), else — or when
    /// <paramref name="queued"/> — queued.
    /// </summary>
    public async Task DispatchAsync(string graduateId, IEnumerable<string> notificationIds, CancellationToken cancellationToken, TimeSpan? delay = null, bool synced = false, bool queued = false)
    {
        var ids = notificationIds.ToList();
        if (ids.Count == 0)
        {
            return;
        }

        var message = JsonSerializer.Serialize(DispatchRequest.For(graduateId, ids, synced), Json.Options);
        if (delay is null && !queued && channel.TryHand(message))
        {
            return;
        }

        await storage.Queue(StorageNames.DispatchQueue).SendMessageAsync(message, delay, cancellationToken: cancellationToken);
    }

    /// <summary>The pending notes of one commit share their hour's partition: written in one transaction (one call) when there are several.</summary>
    private async Task NoteAsync(string graduateId, IReadOnlyList<string> notificationIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var pending = storage.Table(StorageNames.OutboxPendingTable);
        var notes = notificationIds.Select(id => new TableEntity(Bucket(now), PendingKey(graduateId, id)) { ["CreatedAt"] = now }).ToList();
        if (notes.Count == 1)
        {
            await pending.UpsertEntityAsync(notes[0], TableUpdateMode.Replace, cancellationToken);
            return;
        }

        foreach (var batch in notes.Chunk(100))
        {
            await storage.Transactions.SubmitAsync(pending, batch.Select(note => new TableTransactionAction(TableTransactionActionType.UpsertReplace, note)), cancellationToken);
        }
    }

    /// <summary>
    /// Once rows are sent or failed for good, their pending notes go: the notes of one hour's partition in one
    /// transaction (one call); should one be gone already (the sweep), the rest go one by one.
    /// </summary>
    public async Task ForgetAllAsync(string graduateId, IReadOnlyList<(string NotificationId, DateTimeOffset CreatedAt)> rows, CancellationToken cancellationToken)
    {
        var pending = storage.Table(StorageNames.OutboxPendingTable);
        foreach (var bucket in rows.GroupBy(row => Bucket(row.CreatedAt)))
        {
            var keys = bucket.Select(row => PendingKey(graduateId, row.NotificationId)).Distinct(StringComparer.Ordinal).ToList();
            if (keys.Count == 1)
            {
                await pending.DeleteEntityAsync(bucket.Key, keys[0], ETag.All, cancellationToken);
                continue;
            }

            try
            {
                await storage.Transactions.SubmitAsync(pending, keys.Select(key => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(bucket.Key, key), ETag.All)), cancellationToken);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 404)
            {
                foreach (var key in keys)
                {
                    await pending.DeleteEntityAsync(bucket.Key, key, ETag.All, cancellationToken);
                }
            }
        }
    }

    /// <summary>Once a row is sent or failed for good, its pending note goes.</summary>
    public Task ForgetAsync(string graduateId, string notificationId, DateTimeOffset createdAt, CancellationToken cancellationToken) =>
        storage.Table(StorageNames.OutboxPendingTable).DeleteEntityAsync(Bucket(createdAt), PendingKey(graduateId, notificationId), ETag.All, cancellationToken);

    public static string Bucket(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);

    public static string PendingKey(string graduateId, string notificationId) => $"{graduateId}|{notificationId}";
}
