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
public sealed class DocumentChanges(GraduateRepository repository, NoticeComposer composer, IndexSync indexes, ILogger<DocumentChanges> logger)
{
    public async Task CommitAsync(GraduateUnit unit, IReadOnlyList<Notice> otherNotices, IdempotencyRecord? answer, CancellationToken cancellationToken)
    {
        var changed = unit.Documents.Where(d => d.Changed).ToList();
        var notices = changed.SelectMany(d => composer.For(unit.Graduate, d)).Concat(otherNotices).ToList();
        await repository.CommitAsync(unit, notices, answer, cancellationToken);
        foreach (var document in changed)
        {
            foreach (var move in document.NewHistory)
            {
                logger.StatusMoved(unit.Graduate.Id, document.Id, document.Kind, move.Status, move.Actor);
            }
        }

        if (GraduateRepository.NeedsIndexSync(unit, out var documentId))
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

    public Task CommitAsync(GraduateUnit unit, CancellationToken cancellationToken) => CommitAsync(unit, [], null, cancellationToken);
}
