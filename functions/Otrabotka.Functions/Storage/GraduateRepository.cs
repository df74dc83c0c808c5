using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Otrabotka.Domain;
using Otrabotka.Functions.Notifications;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// The graduate repository (unit of work). One partition per graduate; its live rows — the profile, the
/// documents, the file fingerprints and the reminder plan — share the RowKey prefix "live|", so a request
/// reads them with one range query however long the append-only history, outbox and reminder markers grow.
/// A commit writes the changed rows (each conditional on the ETag it was read with), their history, the
/// outbox rows of the messages they cause and the index-sync row in one transaction
/// (docs/decisions/0014-graduate-repository-and-results.md).
/// </summary>
public sealed class GraduateRepository(StorageClients storage, Outbox outbox)
{
    private TableClient Table => storage.Table(StorageNames.GraduatesTable);

    public Task<GraduateUnit?> LoadAsync(string graduateId, CancellationToken cancellationToken) =>
        LoadAsync(graduateId, GraduateData.Range(graduateId, GraduateStore.LivePrefix), null, cancellationToken);

    /// <summary>The live rows with the same query's other rows (a filter wider than the live range) handed to <paramref name="other"/>: the feed's months.</summary>
    internal async Task<GraduateUnit?> LoadAsync(string graduateId, string filter, Action<TableEntity>? other, CancellationToken cancellationToken) =>
        (await ReadAsync(graduateId, filter, other, cancellationToken)).Unit;

    /// <summary>The live rows and how many entities the query answered (a reminder run counts every entity it reads).</summary>
    public Task<(GraduateUnit? Unit, int RowsRead)> LoadCountedAsync(string graduateId, CancellationToken cancellationToken) =>
        ReadAsync(graduateId, GraduateData.Range(graduateId, GraduateStore.LivePrefix), null, cancellationToken);

    private async Task<(GraduateUnit? Unit, int RowsRead)> ReadAsync(string graduateId, string filter, Action<TableEntity>? other, CancellationToken cancellationToken)
    {
        if (!GraduateData.SafeKey(graduateId))
        {
            return (null, 0);
        }

        var read = 0;

        GraduateRecord? graduate = null;
        var documents = new List<Document>();
        var etags = new Dictionary<string, ETag>(StringComparer.Ordinal);
        var fingerprints = new Dictionary<string, string>(StringComparer.Ordinal);
        var plan = ReminderPlan.None;
        var stamps = new HashSet<string>(StringComparer.Ordinal);
        EmployerMailCount? mail = null;
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            read++;
            switch (GraduateStore.KindOf(row.RowKey))
            {
                case LiveRow.Profile:
                    graduate = GraduateStore.ToGraduate(row);
                    break;
                case LiveRow.Document:
                    var document = DocumentEntities.ToDocument(row);
                    documents.Add(document);
                    etags[document.Id] = row.ETag;
                    break;
                case LiveRow.Fingerprint:
                    fingerprints[row.RowKey[GraduateStore.ShaPrefix.Length..]] = row.GetString("DocumentId") ?? "";
                    break;
                case LiveRow.Plan:
                    plan = ReminderDueStore.PlanOf(row);
                    break;
                case LiveRow.Unknown when row.RowKey.StartsWith(ReminderDueStore.StampPrefix, StringComparison.Ordinal):
                    stamps.Add(row.RowKey[ReminderDueStore.StampPrefix.Length..]);
                    break;
                case LiveRow.Unknown when row.RowKey.StartsWith(EmployerMailRow.Prefix, StringComparison.Ordinal):
                    mail = EmployerMailRow.Of(row);
                    break;
                case LiveRow.Unknown:
                    other?.Invoke(row);
                    break;
            }
        }

        plan = plan with { StampStored = plan.Stamp is { } stamp && stamps.Contains(stamp) };

        return (graduate is null ? null : new GraduateUnit(graduate, documents, etags, fingerprints, plan) { EmployerMail = mail }, read);
    }

    /// <summary>
    /// Commits a change with the messages it causes; the cross-graduate indexes are synced after it (and
    /// again from its outbox row). With <paramref name="syncInline"/> the index-sync row is noted pending but
    /// not queued — an e-mail row carrying the sync, or an index-sync row when there is no e-mail: the caller
    /// syncs at once and then queues or completes it (answered here); otherwise the answer is null.
    /// </summary>
    public async Task<HeldRow?> CommitAsync(GraduateUnit unit, IReadOnlyList<Notice> notices, IdempotencyRecord? answer, CancellationToken cancellationToken, bool syncInline = false)
    {
        var graduateId = unit.Graduate.Id;
        var actions = ChangedRows(unit);
        if (answer is not null)
        {
            actions.Add(IdempotencyStore.Action(graduateId, answer));
        }

        var (ids, held) = AddOutboxRows(unit, notices, actions, syncInline);

        // The indexes first: a document they name but the partition lacks is harmless (the received sweep drops
        // its row); the reverse would be unreachable. A document decided in the request that received it is
        // never left "received", so the sweep has nothing to watch for it. Written alongside the pending notes.
        var indexed = AddToIndexesAsync(unit, cancellationToken);
        var notedAt = await outbox.CommitAsync(graduateId, actions, ids, cancellationToken, held?.Id, alongside: indexed);
        return held is null ? null : held with { NotedAt = notedAt, Commit = ids };
    }

    private async Task AddToIndexesAsync(GraduateUnit unit, CancellationToken cancellationToken)
    {
        foreach (var document in unit.Documents.Where(d => d.IsNew))
        {
            if (!DocumentIndex.CarriesOwner(document.Id))
            {
                await DocumentIndex.AddAsync(storage, unit.Graduate.Id, document.Id, cancellationToken);
            }

            if (document.Status == DocumentStatus.Received)
            {
                await ReceivedIndex.AddAsync(storage, unit.Graduate.Id, document.Id, document.ReceivedAt, cancellationToken);
            }
        }
    }

    /// <summary>The e-mails' outbox rows (the graduate's first) and, when the change needs it, its index sync: carried by the first e-mail row when synced inline, else a row of its own.</summary>
    private (List<string> Ids, HeldRow? Held) AddOutboxRows(GraduateUnit unit, IReadOnlyList<Notice> notices, List<TableTransactionAction> actions, bool syncInline)
    {
        var graduateId = unit.Graduate.Id;
        var ids = new List<string>();
        HeldRow? held = null;
        var mails = new List<TableTransactionAction>();
        foreach (var notice in notices.OrderBy(n => n.Kind == NotificationKind.EmployerRequest))
        {
            var (id, action) = outbox.Row(graduateId, notice.To, notice.Kind, notice.Language, notice.Model, notice.Bilingual);
            ids.Add(id);
            mails.Add(action);
        }

        actions.AddRange(mails);
        if (NeedsIndexSync(unit, out var documentId))
        {
            if (syncInline && mails.Count > 0)
            {
                // Synced inline; should the process stop first, the dispatcher of this e-mail row syncs (no row of its own).
                Outbox.CarryIndexSync(mails[0], documentId);
                held = new HeldRow(ids[0], Mail: true, default);
            }
            else
            {
                var (syncId, sync) = outbox.IndexRow(graduateId, documentId);
                ids.Add(syncId);
                actions.Add(sync);
                held = syncInline ? new HeldRow(syncId, Mail: false, default) : null;
            }
        }

        return (ids, held);
    }

    /// <summary>
    /// Whether a change touches the cross-graduate indexes: a document moved beyond "received" (a document
    /// only received yet is synced when it is validated), or the profile changed.
    /// </summary>
    public static bool NeedsIndexSync(GraduateUnit unit, out string? documentId)
    {
        documentId = unit.Documents.FirstOrDefault(d => d.Changed && d.Status != DocumentStatus.Received)?.Id;
        return documentId is not null || unit.ProfileChanged;
    }

    /// <summary>Commits what index sync keeps in the partition itself (the reminder plan, the profile's status snapshot): no messages, no new sync.</summary>
    public Task CommitIndexesAsync(GraduateUnit unit, CancellationToken cancellationToken) =>
        GraduateStore.CommitAsync(storage, ChangedRows(unit), cancellationToken);

    /// <summary>The graduate's profile as stored now (one point read of its row), or null when it is not there.</summary>
    public async Task<GraduateRecord?> ProfileAsync(GraduateRecord graduate, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(graduate.Id, graduate.StoredKey ?? GraduateStore.ProfileKey(graduate.Id), cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } entity ? GraduateStore.ToGraduate(entity) : null;
    }

    /// <summary>A document's history, read only by the routes that show it.</summary>
    public async Task<IReadOnlyList<StatusChange>> HistoryAsync(string graduateId, string documentId, CancellationToken cancellationToken)
    {
        var list = new List<StatusChange>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(GraduateData.Range(graduateId, $"{GraduateStore.HistoryPrefix}{documentId}|"), cancellationToken: cancellationToken))
        {
            list.Add(GraduateStore.ToHistory(entity));
        }

        return list;
    }

    /// <summary>A new plan stamp replaces the old one's row, in the plan's own transaction (a due row of the old plan is then stale).</summary>
    private static IEnumerable<TableTransactionAction> StampRows(GraduateUnit unit)
    {
        var (before, after) = (unit.LoadedPlan.Stamp, unit.Plan.Stamp);
        if (before == after)
        {
            yield break;
        }

        if (before is not null && unit.LoadedPlan.StampStored)
        {
            yield return new(TableTransactionActionType.Delete, ReminderDueStore.StampEntity(unit.Graduate.Id, before), ETag.All);
        }

        if (after is not null)
        {
            yield return new(TableTransactionActionType.UpsertReplace, ReminderDueStore.StampEntity(unit.Graduate.Id, after));
        }
    }

    internal static List<TableTransactionAction> ChangedRows(GraduateUnit unit)
    {
        var graduateId = unit.Graduate.Id;
        var actions = new List<TableTransactionAction>();
        if (unit.ProfileChanged)
        {
            actions.Add(new(TableTransactionActionType.UpdateReplace, GraduateStore.ToEntity(unit.Graduate), unit.Graduate.ETag));
        }

        foreach (var document in unit.Documents.Where(d => d.Changed))
        {
            actions.Add(document.IsNew
                ? new(TableTransactionActionType.Add, DocumentEntities.ToEntity(graduateId, document))
                : new(TableTransactionActionType.UpdateReplace, DocumentEntities.ToEntity(graduateId, document), unit.ETagOf(document)));
            var sequence = document.State.HistoryCount - document.NewHistory.Count;
            actions.AddRange(document.NewHistory.Select(change => new TableTransactionAction(TableTransactionActionType.Add, GraduateStore.HistoryEntity(graduateId, document.Id, sequence++, change))));
        }

        actions.AddRange(unit.NewCorrections.Select(correction => GraduateCorrections.Add(graduateId, correction)));
        actions.AddRange(unit.NewFingerprints.Select(pair => new TableTransactionAction(
            TableTransactionActionType.UpsertReplace, new TableEntity(graduateId, GraduateStore.ShaPrefix + pair.Key) { ["DocumentId"] = pair.Value })));
        if (unit.NewEmployerMail is { } mail)
        {
            var row = EmployerMailRow.ToEntity(graduateId, mail);
            actions.Add(mail.ETag is { } mailETag ? new(TableTransactionActionType.UpdateReplace, row, mailETag) : new(TableTransactionActionType.Add, row));
        }

        if (unit.PlanChanged)
        {
            var plan = ReminderDueStore.PlanEntity(graduateId, unit.Plan);
            actions.Add(unit.Plan.ETag is { } etag ? new(TableTransactionActionType.UpdateReplace, plan, etag) : new(TableTransactionActionType.Add, plan));
            actions.AddRange(StampRows(unit));
        }

        return actions;
    }
}
