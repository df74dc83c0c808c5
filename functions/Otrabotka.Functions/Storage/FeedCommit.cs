using Azure.Data.Tables;
using Otrabotka.Functions.Notifications;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// The feed's one transaction for a graduate: the months it writes, the unit's changed live rows (the profile with
/// its feed state and status, the reminder plan replanned before the commit), the e-mails' outbox rows and — when
/// the change moves an index in another table (due reminders, the operators' index) — the index sync, carried by
/// the first e-mail row or on a row of its own, held for the caller to run at once (ADR 0009). Months beyond one
/// transaction go first: each is idempotent, and the profile's ETag still guards the rest.
/// </summary>
public sealed class FeedCommit(StorageClients storage, Outbox outbox)
{
    private TableClient Graduates => storage.Table(StorageNames.GraduatesTable);

    /// <summary>Commits; answers the held row to sync inline (null when no other table must follow).</summary>
    public async Task<HeldRow?> CommitAsync(GraduateUnit unit, IReadOnlyList<StoredFeedMonth> writes, IReadOnlyList<FeedMail> mails, bool syncIndexes, CancellationToken cancellationToken)
    {
        var graduate = unit.Graduate;
        var rows = GraduateRepository.ChangedRows(unit);
        var ids = new List<string>();
        foreach (var mail in mails)
        {
            var (id, action) = outbox.Row(graduate.Id, graduate.Email, mail.Kind, graduate.Language, mail.Model);
            ids.Add(id);
            rows.Add(action);
        }

        HeldRow? held = null;
        if (syncIndexes && mails.Count > 0)
        {
            // Synced inline; should the process stop first, the dispatcher of this e-mail row syncs.
            Outbox.CarryIndexSync(rows[^mails.Count], null);
            held = new HeldRow(ids[0], Mail: true, default);
        }
        else if (syncIndexes)
        {
            var (syncId, sync) = outbox.IndexRow(graduate.Id, null);
            ids.Add(syncId);
            rows.Add(sync);
            held = new HeldRow(syncId, Mail: false, default);
        }

        var months = writes.Select(w => new TableTransactionAction(TableTransactionActionType.UpsertReplace, w.ToEntity(graduate.Id))).ToList();
        var room = GraduateStore.MaxBatch - rows.Count;
        foreach (var batch in months.Skip(room).Chunk(GraduateStore.MaxBatch))
        {
            await GraduateStore.CommitAsync(storage, batch, cancellationToken);
        }

        var notedAt = await outbox.CommitAsync(graduate.Id, [.. months.Take(room), .. rows], ids, cancellationToken, held?.Id);
        // Nothing of a held commit is queued yet: the caller queues every row of it (Commit) after the inline sync.
        return held is null ? null : held with { NotedAt = notedAt, Commit = ids };
    }

    /// <summary>
    /// Whether a prepared change moves an index outside the partition: the reminder plan replanned (its due rows move)
    /// or the operators' index (its rows and counters are built from the profile alone, so the rows say it).
    /// </summary>
    public static bool MovesIndexes(GraduateRecord before, GraduateUnit prepared) =>
        prepared.PlanChanged || OperatorIndexRows.Of(before).Fingerprint != OperatorIndexRows.Of(prepared.Graduate).Fingerprint;
}
