using Microsoft.Extensions.Logging;
using Otrabotka.Domain;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.UseCases;

/// <summary>The operators' review: the queue (oldest first), one document with a 5-minute read link, and the decision.</summary>
public sealed class Reviews(
    StorageClients storage, ReviewQueue queue, GraduateRepository repository, Documents documents, FileVerdicts verdicts, EmployerAddressChecks checks, TimeProvider time, ILogger<Reviews> logger)
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

    /// <summary>A document for review, with a read link only for a file the scanner found clean.</summary>
    public async Task<Outcome<DocumentView>> GetAsync(string documentId, Language language, CancellationToken cancellationToken)
    {
        if (await OwnerAsync(documentId, cancellationToken) is not { } owner)
        {
            return Problem.NotFound;
        }

        var document = (await repository.LoadAsync(owner, cancellationToken))?.Find(documentId);
        var clean = document is not null && await verdicts.SafetyOfAsync(document, cancellationToken) == FileSafety.Clean;
        return await documents.ViewAsync(owner, documentId, language, withReadUrl: clean, cancellationToken, forOperator: true);
    }

    /// <summary>The document for review with what was and was not verified about it (e.g. employer-address-unverified).</summary>
    public async Task<Outcome<ReviewDocumentView>> GetCheckedAsync(string documentId, Language language, CancellationToken cancellationToken)
    {
        var outcome = await GetAsync(documentId, language, cancellationToken);
        return outcome.Value is { } view
            ? Outcome<ReviewDocumentView>.Ok(ReviewDocumentView.Of(view, await checks.ChecksAsync(documentId, cancellationToken), language))
            : outcome.Problem!;
    }

    public async Task<Outcome<DocumentView>> DecideAsync(string documentId, Actor actor, Fields body, Language language, CancellationToken cancellationToken)
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

        if (await OwnerAsync(documentId, cancellationToken) is not { } owner)
        {
            return Problem.NotFound;
        }

        var approve = decision == "approve";
        if (approve && await checks.ApproveFlaggedAsync(documentId, cancellationToken))
        {
            // An accepted confirmation on the check list: approving it verifies the employer's domain.
            return await GetAsync(documentId, language, cancellationToken);
        }

        var rejection = approve ? null : new Reason(reasonCode!, OperatorReasons.Text(reasonCode!));
        var historyNote = approve ? note : $"{reasonCode}: {note}";
        var outcome = await documents.MoveAsync(owner, documentId, async (document, token) =>
            document.Review(new ReviewDecision(approve, approve ? await verdicts.SafetyOfAsync(document, token) : FileSafety.Clean, historyNote, rejection, note), time.GetUtcNow(), actor),
            language, true, cancellationToken);
        if (outcome.Value is { } view)
        {
            logger.Reviewed(owner, documentId, decision, reasonCode, view.Status);
            if (approve)
            {
                await checks.OnOperatorApprovedAsync(documentId, cancellationToken);
            }
        }

        return outcome;
    }

    private async Task<string?> OwnerAsync(string documentId, CancellationToken cancellationToken) =>
        GraduateData.SafeKey(documentId) ? await DocumentIndex.OwnerAsync(storage, documentId, cancellationToken) : null;
}
