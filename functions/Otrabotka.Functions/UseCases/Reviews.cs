using Microsoft.Extensions.Logging;
using Otrabotka.Domain;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>The operators' review: the queue (oldest first), one document with a 5-minute read link, and the decision.</summary>
public sealed class Reviews(StorageClients storage, ReviewQueue queue, Documents documents, TimeProvider time, ILogger<Reviews> logger)
{
    public async Task<Outcome<Paged<ReviewItem>>> QueueAsync(Fields query, CancellationToken cancellationToken)
    {
        var filter = new ReviewFilter(
            query.OptionalEnum<DocumentKind>("kind"), query.OptionalEnum<Category>("category"), query.OptionalEnum<Region>("region"), query.OptionalInt("waitingDays", 0, 3650));
        var token = query.Optional("continuationToken");
        if (query.Errors.Count > 0)
        {
            return Problem.Invalid(query.Errors);
        }

        var (page, bad) = await queue.PageAsync(filter, time.GetUtcNow(), token, cancellationToken);
        return bad ? Problem.BadContinuationToken : Outcome<Paged<ReviewItem>>.Ok(page!);
    }

    public async Task<Outcome<DocumentView>> GetAsync(string documentId, Language language, CancellationToken cancellationToken) =>
        await OwnerAsync(documentId, cancellationToken) is { } owner
            ? await documents.ViewAsync(owner, documentId, language, withReadUrl: true, cancellationToken, forOperator: true)
            : Problem.NotFound;

    public async Task<Outcome<DocumentView>> DecideAsync(string documentId, Actor actor, Fields body, Language language, CancellationToken cancellationToken)
    {
        var decision = body.Required("decision");
        var reasonCode = body.Optional("reasonCode");
        var note = body.Optional("note");
        if (decision.Length > 0 && decision is not ("approve" or "reject"))
        {
            body.Add("decision", "unknown-value", new("'decision' мәні approve немесе reject болуы керек.", "'decision' должно быть approve или reject.", "'decision' must be approve or reject."));
        }

        if (decision == "reject" && reasonCode is null)
        {
            body.Add("reasonCode", "required", new("Бас тарту себебінің коды міндетті.", "Код причины отказа обязателен.", "A reason code is required to reject."));
        }

        if (body.Errors.Count > 0)
        {
            return Problem.Invalid(body.Errors);
        }

        if (await OwnerAsync(documentId, cancellationToken) is not { } owner)
        {
            return Problem.NotFound;
        }

        var approve = decision == "approve";
        var rejection = approve ? null : new Text(note ?? reasonCode ?? "", note ?? reasonCode ?? "", note ?? reasonCode ?? "");
        var outcome = await documents.MoveAsync(
            owner, documentId, document => document.Review(approve, time.GetUtcNow(), actor, approve ? note : $"{reasonCode}: {note}", rejection), language, true, cancellationToken);
        if (outcome.Value is { } view)
        {
            logger.Reviewed(owner, documentId, decision, reasonCode, view.Status);
        }

        return outcome;
    }

    private async Task<string?> OwnerAsync(string documentId, CancellationToken cancellationToken) =>
        GraduateData.SafeKey(documentId) ? await DocumentIndex.OwnerAsync(storage, documentId, cancellationToken) : null;
}
