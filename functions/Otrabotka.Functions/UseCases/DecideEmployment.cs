using Microsoft.Extensions.Logging;
using Otrabotka.Domain;
using Otrabotka.Functions.Adapters;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// An employer confirms or declines a hire through the signed link; the decision consumes the token, once. An employer
/// at a public mail service cannot confirm alone: the document then goes to an operator's review (the document decides it).
/// </summary>
public sealed class DecideEmployment(
    EmployerLinkLookup links, DocumentChanges changes, EmployerTokens tokens, FileVerdicts verdicts, EmployerAddressChecks checks, TimeProvider time, ILogger<DecideEmployment> logger)
{
    public async Task<Outcome<ConfirmationResult>> RunAsync(Fields body, Language language, CancellationToken cancellationToken)
    {
        var token = body.Required("token", 1024);
        var decision = body.Required("decision");
        var name = body.Required("confirmerName", 200);
        var position = body.Required("confirmerPosition", 200);
        var note = body.Optional("note");
        if (decision.Length > 0 && decision is not ("confirm" or "decline"))
        {
            body.Add("decision", "unknown-value", TextCatalog.Default.Text("problems.field.one-of", ("field", "'decision'"), ("allowed", "confirm | decline")));
        }

        if (body.Errors.Count > 0)
        {
            return Problem.Invalid(body.Errors);
        }

        var confirm = decision == "confirm";
        var historyNote = $"employer {(confirm ? "confirmed" : "declined")}: {name}, {position}" + (note is null ? "" : $" — {note}");
        return await RetryPolicy.RunAsync(attempt => DecideOnceAsync(token, confirm, historyNote, note, language, attempt), () => Problem.ConcurrentUpdate, cancellationToken);
    }

    private async Task<Outcome<ConfirmationResult>> DecideOnceAsync(string token, bool confirm, string historyNote, string? note, Language language, CancellationToken cancellationToken)
    {
        var (unit, document, problem) = await links.ResolveAsync(token, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        // The file's verdict matters only to a confirmation that would accept the document.
        var publicMail = tokens.IsPublicMail(document!.Link!.Email);
        var safety = confirm && !publicMail ? await verdicts.SafetyOfAsync(document, cancellationToken) : FileSafety.Clean;
        if (document.DecideByEmployer(new EmployerAnswer(confirm, publicMail, safety, historyNote, note), time.GetUtcNow()) is { } refusal)
        {
            return Problem.Refused(refusal);
        }

        if (safety == FileSafety.Malicious)
        {
            document.Quarantine(await verdicts.QuarantineAsync(document, cancellationToken));
        }

        await changes.CommitAsync(unit!, cancellationToken);
        logger.EmployerDecided(unit!.Graduate.Id, document.Id, confirm ? "confirm" : "decline", publicMail, document.Status);
        if (document.Status == DocumentStatus.Accepted)
        {
            await checks.OnEmployerConfirmedAsync(unit.Graduate.Id, document, cancellationToken);
        }

        return Outcome<ConfirmationResult>.Ok(new ConfirmationResult(document.Status, Names.Of(document.Status).In(language)));
    }
}
