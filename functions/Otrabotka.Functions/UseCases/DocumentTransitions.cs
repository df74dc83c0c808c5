using Azure;
using Azure.Data.Tables;
using Otrabotka.Domain;
using Otrabotka.Functions.Notifications;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>One status move: where to, who, and why.</summary>
public sealed record Move(DocumentStatus To, Actor Actor, string? Reason);

/// <summary>A message to send with a move, written to the outbox in the same transaction.</summary>
public sealed record Notice(string To, NotificationKind Kind, Language Language, NoticeModel Model, bool Bilingual = false);

public enum MoveResult
{
    Done,
    Refused,
}

/// <summary>
/// Applies status moves the domain allows: the document row (ETag-conditional), its history rows, any
/// extra rows and the outbox rows commit in one transaction of the graduate's partition. After the
/// commit, dispatch messages are queued and the review queue index is brought up to date.
/// </summary>
public sealed class DocumentTransitions(Outbox outbox, IndexSync indexes, TimeProvider time)
{
    public async Task<(MoveResult Result, Reason? Refusal, DocumentRow Document)> ApplyAsync(
        GraduateRecord graduate,
        DocumentRow document,
        IReadOnlyList<Move> moves,
        Func<DocumentRow, DocumentRow>? update,
        IReadOnlyList<TableTransactionAction>? extra,
        IReadOnlyList<Notice> notices,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var record = DocumentRecord.Restore(document.Kind, document.Status, document.Contested, []);
        var actions = new List<TableTransactionAction>();
        var sequence = document.HistoryCount;
        foreach (var move in moves)
        {
            if (record.MoveTo(move.To, now, move.Actor, move.Reason) is { } refused)
            {
                return (MoveResult.Refused, refused, document);
            }

            actions.Add(new(TableTransactionActionType.Add, GraduateStore.HistoryEntity(graduate.Id, document.Id, sequence++, record.History[^1])));
        }

        var next = (update?.Invoke(document) ?? document) with
        {
            Status = record.Status,
            Contested = record.Contested,
            HistoryCount = sequence,
            UpdatedAt = now,
        };
        actions.Insert(0, new(TableTransactionActionType.UpdateReplace, GraduateStore.ToEntity(next), document.ETag));
        actions.AddRange(extra ?? []);
        var (syncId, sync) = outbox.IndexRow(graduate.Id, document.Id);
        var ids = new List<string> { syncId };
        actions.Add(sync);
        foreach (var notice in notices)
        {
            var (id, action) = outbox.Row(graduate.Id, notice.To, notice.Kind, notice.Language, notice.Model, notice.Bilingual);
            ids.Add(id);
            actions.Add(action);
        }

        await outbox.CommitAsync(graduate.Id, actions, ids, cancellationToken);

        await indexes.RunAsync(graduate.Id, document.Id, cancellationToken);
        return (MoveResult.Done, null, next);
    }

    /// <summary>Updates a document without a status move (a re-issued link), with its notice, in one transaction.</summary>
    public async Task<(MoveResult Result, Reason? Refusal, DocumentRow Document)> ReissueAsync(GraduateRecord graduate, DocumentRow updated, Notice notice, CancellationToken cancellationToken)
    {
        var (id, action) = outbox.Row(graduate.Id, notice.To, notice.Kind, notice.Language, notice.Model, notice.Bilingual);
        var (syncId, sync) = outbox.IndexRow(graduate.Id, updated.Id);
        var next = updated with { UpdatedAt = time.GetUtcNow() };
        await outbox.CommitAsync(graduate.Id, [new(TableTransactionActionType.UpdateReplace, GraduateStore.ToEntity(next), updated.ETag), action, sync], [id, syncId], cancellationToken);

        await indexes.RunAsync(graduate.Id, updated.Id, cancellationToken);
        return (MoveResult.Done, null, next);
    }

}

/// <summary>
/// The operators' review queue: one row per document awaiting review, oldest first, in its own table.
/// Kept from each status change, idempotently (an upsert or a delete that may find nothing).
/// </summary>
public sealed class ReviewQueue(StorageClients storage)
{
    public const string Partition = "awaiting-review";

    private TableClient Table => storage.Table(StorageNames.ReviewQueueTable);

    public static string RowKey(DocumentRow d) => $"{d.ReceivedAt.UtcTicks:D19}|{d.Id}";

    public async Task SyncAsync(GraduateRecord g, DocumentRow d, CancellationToken cancellationToken)
    {
        if (d.Status == DocumentStatus.AwaitingReview)
        {
            var region = d.Kind == DocumentKind.EmploymentConfirmation ? DocumentMetadata.Read<EmploymentMeta>(d.Metadata).Region : g.Region;
            await Table.UpsertEntityAsync(
                new TableEntity(Partition, RowKey(d))
                {
                    ["GraduateId"] = g.Id,
                    ["DocumentId"] = d.Id,
                    ["Kind"] = Wire.Name(d.Kind),
                    ["Category"] = Wire.Name(g.Obligation.Category),
                    ["Region"] = region is { } r ? Wire.Name(r) : null,
                    ["ReceivedAt"] = d.ReceivedAt,
                },
                TableUpdateMode.Replace,
                cancellationToken);
        }
        else
        {
            await Table.DeleteEntityAsync(Partition, RowKey(d), ETag.All, cancellationToken);
        }
    }
}
