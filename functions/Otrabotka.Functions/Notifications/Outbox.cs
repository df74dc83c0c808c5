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
public sealed class Outbox(StorageClients storage, TimeProvider time)
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

    /// <summary>Notes the rows as pending, commits the transaction, then queues one dispatch message per row.</summary>
    public async Task CommitAsync(string graduateId, IReadOnlyList<TableTransactionAction> actions, IReadOnlyList<string> notificationIds, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var pending = storage.Table(StorageNames.OutboxPendingTable);
        foreach (var id in notificationIds)
        {
            await pending.UpsertEntityAsync(new TableEntity(Bucket(now), PendingKey(graduateId, id)) { ["CreatedAt"] = now }, TableUpdateMode.Replace, cancellationToken);
        }

        await GraduateStore.CommitAsync(storage.Table(StorageNames.GraduatesTable), actions, cancellationToken);
        await DispatchAsync(graduateId, notificationIds, cancellationToken);
    }

    public async Task DispatchAsync(string graduateId, IEnumerable<string> notificationIds, CancellationToken cancellationToken, TimeSpan? delay = null)
    {
        var queue = storage.Queue(StorageNames.DispatchQueue);
        foreach (var id in notificationIds)
        {
            await queue.SendMessageAsync(JsonSerializer.Serialize(new DispatchRequest(graduateId, id), Json.Options), delay, cancellationToken: cancellationToken);
        }
    }

    /// <summary>Once a row is sent or failed for good, its pending note goes.</summary>
    public Task ForgetAsync(string graduateId, string notificationId, DateTimeOffset createdAt, CancellationToken cancellationToken) =>
        storage.Table(StorageNames.OutboxPendingTable).DeleteEntityAsync(Bucket(createdAt), PendingKey(graduateId, notificationId), ETag.All, cancellationToken);

    public static string Bucket(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);

    public static string PendingKey(string graduateId, string notificationId) => $"{graduateId}|{notificationId}";
}
