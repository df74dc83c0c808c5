using Microsoft.Extensions.Logging;
using Otrabotka.Domain;
using Otrabotka.Functions.Notifications;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// Commits what a use case did to a graduate's documents: the repository writes the changed rows, their
/// history and the e-mails the moves cause in one transaction; then the cross-graduate indexes are synced
/// (and again from the outbox row, should this process stop first). Every status move is logged.
/// </summary>
public sealed class DocumentChanges(GraduateRepository repository, NoticeComposer composer, IndexSync indexes, Outbox outbox, ILogger<DocumentChanges> logger)
{
    public async Task CommitAsync(GraduateUnit unit, IReadOnlyList<Notice> otherNotices, IdempotencyRecord? answer, CancellationToken cancellationToken)
    {
        var changed = unit.Documents.Where(d => d.Changed).ToList();
        var notices = changed.SelectMany(d => composer.For(unit.Graduate, d)).Concat(otherNotices).ToList();
        var needsSync = GraduateRepository.NeedsIndexSync(unit, out var documentId);
        var prepared = needsSync && unit.Loaded ? indexes.Prepare(unit) : null;
        var held = await repository.CommitAsync(unit, notices, answer, cancellationToken, syncInline: prepared is not null);
        foreach (var document in changed)
        {
            foreach (var move in document.NewHistory)
            {
                logger.StatusMoved(unit.Graduate.Id, document.Id, document.Kind, move.Status, move.Actor);
            }
        }

        if (prepared is not null && held is not null)
        {
            await SyncInlineAsync(unit, documentId, prepared, held, cancellationToken);
        }
        else if (needsSync)
        {
            try
            {
                await indexes.RunAsync(unit.Graduate.Id, documentId, cancellationToken);
            }
            catch (ConcurrentChangeException)
            {
                // The change is committed with its index-sync outbox row: the dispatcher or the sweep finishes it.
                logger.IndexSyncDeferred(unit.Graduate.Id);
            }
        }
    }

    /// <summary>
    /// The committed unit's indexes, at once; then the held row is queued as synced (an e-mail) or completed
    /// (an index-sync row). Should the sync fail, the row is queued as not synced: the dispatcher syncs in full,
    /// and the committed change is answered as done.
    /// </summary>
    private async Task SyncInlineAsync(GraduateUnit unit, string? documentId, PreparedSync prepared, HeldRow held, CancellationToken cancellationToken)
    {
        try
        {
            await indexes.ApplyAsync(unit, documentId, prepared, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The change is committed: its answer stands whatever the indexes meet. The held row is queued unsynced
            // and the dispatcher syncs in full (retried, then the sweep), so nothing is lost by answering.
            if (ex is ConcurrentChangeException)
            {
                logger.IndexSyncDeferred(unit.Graduate.Id);
            }
            else
            {
                logger.IndexSyncDeferred(unit.Graduate.Id, ex);
            }

            await QueueHeldAsync(unit.Graduate.Id, held, synced: false, cancellationToken);
            return;
        }

        await QueueHeldAsync(unit.Graduate.Id, held, synced: true, cancellationToken);
    }

    /// <summary>
    /// <see cref="SyncInlineAsync"/> for many committed units at once (a feed chunk's graduates, ADR 0028): their
    /// indexes synced together, then each held row queued as synced or completed — or, for a graduate whose sync did
    /// not finish, queued unsynced for the dispatcher to sync in full.
    /// </summary>
    internal async Task SyncInlineManyAsync(IReadOnlyCollection<FeedSyncDue> due, CancellationToken cancellationToken)
    {
        IReadOnlySet<string> failed;
        try
        {
            failed = await indexes.ApplyManyAsync(due.Select(d => (d.Unit, d.Prepared)).ToList(), cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Any failure, a storage client's timeout (a cancellation of its own) included: the held rows are still queued below.
            logger.IndexSyncDeferred(due.Count, ex);
            failed = due.Select(d => d.Unit.Graduate.Id).ToHashSet(StringComparer.Ordinal);
        }

        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (item, token) =>
        {
            var graduateId = item.Unit.Graduate.Id;
            var synced = !failed.Contains(graduateId);
            if (!synced)
            {
                logger.IndexSyncDeferred(graduateId);
            }

            await QueueHeldAsync(graduateId, item.Held, synced, token);
        });
    }

    /// <summary>
    /// The held outbox row after an inline sync: synced, an e-mail is queued as synced and an index-sync row is completed;
    /// not synced, the row is queued as it is (whatever the caller's token says) and the dispatcher syncs in full.
    /// </summary>
    private async Task QueueHeldAsync(string graduateId, HeldRow held, bool synced, CancellationToken cancellationToken)
    {
        if (!synced)
        {
            // Through the queue, not this process (ADR 0031): the full sync it needs is the costly one, and a failed
            // batch means the store is slow — it goes wherever the queue sends it, not onto this busy instance.
            await outbox.DispatchAsync(graduateId, held.Commit, CancellationToken.None, queued: true);
        }
        else if (held.Mail)
        {
            await outbox.DispatchAsync(graduateId, held.Commit, cancellationToken, synced: true);
        }
        else
        {
            await outbox.CompleteAsync(graduateId, held, cancellationToken);
        }
    }

    public Task CommitAsync(GraduateUnit unit, CancellationToken cancellationToken) => CommitAsync(unit, [], null, cancellationToken);
}
