using Azure.Data.Tables;
using Otrabotka.Domain;
using Otrabotka.Functions.Http;
using Otrabotka.Functions.Notifications;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.UseCases;

public sealed record ReviewItem(string DocumentId, string GraduateId, DocumentKind Kind, Category Category, Region? Region, DateTimeOffset ReceivedAt, int WaitingDays);

public sealed record Paged<T>(IReadOnlyList<T> Items, string? ContinuationToken);

/// <summary>The operators' review: the queue (oldest first), one document with a 5-minute read link, and the decision.</summary>
public sealed class Reviews(StorageClients storage, Graduates graduates, Documents documents, TimeProvider time)
{
    public async Task<Outcome<Paged<ReviewItem>>> QueueAsync(Fields query, CancellationToken cancellationToken)
    {
        var kind = query.OptionalEnum<DocumentKind>("kind");
        var category = query.OptionalEnum<Category>("category");
        var region = query.OptionalEnum<Region>("region");
        var waiting = query.OptionalInt("waitingDays", 0, 3650);
        var token = query.Optional("continuationToken");
        if (query.Errors.Count > 0)
        {
            return Problem.Invalid(query.Errors);
        }

        var filter = new List<string> { $"PartitionKey eq '{ReviewQueue.Partition}'" };
        GraduateData.AddEquals(filter, "Kind", kind);
        GraduateData.AddEquals(filter, "Category", category);
        GraduateData.AddEquals(filter, "Region", region);

        var now = time.GetUtcNow();
        if (waiting is { } days)
        {
            filter.Add($"RowKey lt '{now.AddDays(-days).UtcTicks:D19}'");
        }

        var (page, bad) = await TablePages.FirstAsync(storage.Table(StorageNames.ReviewQueueTable), string.Join(" and ", filter), token, 50, cancellationToken);
        if (bad is not null)
        {
            return bad;
        }

        if (page is not null)
        {
            var items = page.Values.Select(e => new ReviewItem(
                e.GetString("DocumentId")!, e.GetString("GraduateId")!, Wire.TryParse<DocumentKind>(e.GetString("Kind"), out var dk) ? dk : default,
                Wire.TryParse<Category>(e.GetString("Category"), out var dc) ? dc : default,
                Wire.TryParse<Region>(e.GetString("Region"), out var dr) ? dr : null,
                e.GetDateTimeOffset("ReceivedAt") ?? default, (int)(now - (e.GetDateTimeOffset("ReceivedAt") ?? now)).TotalDays)).ToList();
            return Outcome<Paged<ReviewItem>>.Ok(new Paged<ReviewItem>(items, page.ContinuationToken));
        }

        return Outcome<Paged<ReviewItem>>.Ok(new Paged<ReviewItem>([], null));
    }

    public async Task<Outcome<DocumentView>> GetAsync(string documentId, Language language, CancellationToken cancellationToken)
    {
        var owner = await OwnerAsync(documentId, cancellationToken);
        return owner is null ? Problem.NotFound : await documents.ViewAsync(owner, documentId, language, withReadUrl: true, cancellationToken);
    }

    public async Task<Outcome<DocumentView>> DecideAsync(string documentId, Fields body, Language language, CancellationToken cancellationToken)
    {
        var decision = body.Required("decision");
        var reasonCode = body.Optional("reasonCode");
        var note = body.Optional("note");
        if (decision.Length > 0 && decision is not ("approve" or "reject"))
        {
            body.Add("decision", "unknown-value", TextCatalog.Default.Text("problems.field.one-of", ("field", "'decision'"), ("allowed", "approve | reject")));
        }

        if (decision == "reject" && reasonCode is null)
        {
            body.Add("reasonCode", "required", TextCatalog.Default.Text("problems.reason-code-required"));
        }
        else if (decision == "reject" && !OperatorReasons.IsKnown(reasonCode))
        {
            body.Add("reasonCode", "unknown-value", TextCatalog.Default.Text("problems.reason-code-unknown", ("allowed", string.Join(", ", OperatorReasons.Codes))));
        }
        else if (decision == "reject" && reasonCode == OperatorReasons.Other && string.IsNullOrWhiteSpace(note))
        {
            body.Add("note", "required", TextCatalog.Default.Text("problems.reason-note-required"));
        }

        if (body.Errors.Count > 0)
        {
            return Problem.Invalid(body.Errors);
        }

        var owner = await OwnerAsync(documentId, cancellationToken);
        if (owner is null)
        {
            return Problem.NotFound;
        }

        var approve = decision == "approve";
        var reasons = approve ? null : new[] { new ReasonRecord(reasonCode!, OperatorReasons.Text(reasonCode!)) };
        var outcome = await documents.MoveAsync(
            owner,
            documentId,
            new Move(approve ? DocumentStatus.Accepted : DocumentStatus.Rejected, "operator", approve ? note : $"{reasonCode}: {note}"),
            d => [new Notice(owner.Email, approve ? NotificationKind.DocumentAccepted : NotificationKind.DocumentRejected, owner.Language,
                new NoticeModel(GraduateName: owner.FullName, Document: d.Kind, Reasons: reasons?.Select(r => r.Message).ToList())
                {
                    GraduateSex = NoticeModel.SexOf(owner.Iin), OperatorNote = approve ? null : note, CanContest = !d.Contested,
                })],
            language,
            cancellationToken,
            reasons is null ? null : row => row with { Reasons = reasons });
        return outcome;
    }

    private async Task<GraduateRecord?> OwnerAsync(string documentId, CancellationToken cancellationToken)
    {
        if (!GraduateData.SafeKey(documentId))
        {
            return null;
        }

        var found = await storage.Table(StorageNames.DocumentIndexTable).GetEntityIfExistsAsync<TableEntity>(DocumentIndex.Partition(documentId), documentId, cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } e ? await graduates.GetAsync(e.GetString("GraduateId")!, cancellationToken) : null;
    }
}
