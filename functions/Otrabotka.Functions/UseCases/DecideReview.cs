using Microsoft.Extensions.Logging;
using Otrabotka.Domain;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.UseCases;

/// <summary>An operator approves or rejects a document in review (a rejection names its reason).</summary>
public sealed class DecideReview(
    ReviewDocuments documents, DocumentMoves moves, FileVerdicts verdicts, EmployerAddressChecks checks, TimeProvider time, ILogger<DecideReview> logger)
{
    public async Task<Outcome<DocumentView>> RunAsync(string documentId, Actor actor, Fields body, Language language, CancellationToken cancellationToken)
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

        if (await documents.OwnerAsync(documentId, cancellationToken) is not { } owner)
        {
            return Problem.NotFound;
        }

        var approve = decision == "approve";
        if (approve && await checks.ApproveFlaggedAsync(documentId, cancellationToken))
        {
            // An accepted confirmation on the check list: approving it verifies the employer's domain.
            return await documents.GetAsync(documentId, language, cancellationToken);
        }

        var rejection = approve ? null : new Reason(reasonCode!, OperatorReasons.Text(reasonCode!));
        var historyNote = approve ? note : $"{reasonCode}: {note}";
        var outcome = await moves.MoveAsync(owner, documentId, async (document, token) =>
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
}
