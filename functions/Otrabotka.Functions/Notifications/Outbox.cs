using System.Text.Json;
using Azure.Data.Tables;
using Otrabotka.Domain;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Notifications;

/// <summary>
/// Outbox rows are written in the same transaction as the change they announce; after the commit a
/// dispatch message is queued per row. A timer re-queues rows left pending (docs/decisions/0003-outbox.md).
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

    public async Task DispatchAsync(string graduateId, IEnumerable<string> notificationIds, CancellationToken cancellationToken)
    {
        var queue = storage.Queue(StorageNames.DispatchQueue);
        foreach (var id in notificationIds)
        {
            await queue.SendMessageAsync(JsonSerializer.Serialize(new DispatchRequest(graduateId, id), Json.Options), cancellationToken);
        }
    }
}
