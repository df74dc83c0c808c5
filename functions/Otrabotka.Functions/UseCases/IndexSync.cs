using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// Brings every index that crosses graduates up to date with one graduate's partition: the review queue
/// (for a document), the reminder due index, the profile's status/region snapshot,
/// and the operators' search index and dashboard counters built from that snapshot.
/// Idempotent. Runs right after each change, and again from an outbox row written in the change's own
/// transaction, so a crash between the commit and the first run is repaired by the dispatcher or sweeper.
/// </summary>
public sealed class IndexSync(Graduates graduates, GraduateData data, ReviewQueue review, ReminderPlanner reminders, Obligations obligations, OperatorIndex operators)
{
    public const string Kind = "index-sync";

    public async Task RunAsync(string graduateId, string? documentId, CancellationToken cancellationToken)
    {
        if (await graduates.GetAsync(graduateId, cancellationToken) is not { } g)
        {
            return;
        }

        if (documentId is not null && await data.DocumentAsync(g.Id, documentId, cancellationToken) is { } document)
        {
            await review.SyncAsync(g, document, cancellationToken);
        }

        await reminders.RefreshAsync(g.Id, cancellationToken);
        await obligations.RefreshSnapshotAsync(g.Id, cancellationToken);
        if (await graduates.GetAsync(graduateId, cancellationToken) is { } current)
        {
            // The operators' search index and dashboard counters, from the snapshot just refreshed.
            await operators.SyncAsync(current, cancellationToken);
        }
    }
}
