using System.Globalization;
using Microsoft.Extensions.Logging;
using Otrabotka.Domain;
using Otrabotka.Functions.Adapters;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// Employers confirm or decline a hire through the signed link: no account. Viewing never consumes the
/// token (mail scanners open links); a decision does, once. An employer at a public mail service cannot
/// confirm alone: the document then goes to an operator's review (the document decides it).
/// </summary>
public sealed class Confirmations(
    GraduateRepository repository, DocumentChanges changes, EmployerTokens tokens, FileVerdicts verdicts, EmployerAddressChecks checks, EmployerRegistryStore registry, TimeProvider time, ILogger<Confirmations> logger)
{
    public async Task<Outcome<ConfirmationView>> ViewAsync(string? token, Language language, CancellationToken cancellationToken)
    {
        var (unit, document, problem) = await ResolveAsync(token, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var job = (EmploymentClaim)document!.Claim;
        return Outcome<ConfirmationView>.Ok(new ConfirmationView(
            unit!.Graduate.FullName, job.EmployerName, job.EmployerBin, job.Position, job.StartDate, job.EndDate, job.Workplace.Kind, Names.Of(job.Workplace.Kind).In(language),
            job.Workplace.Region, Names.Of(job.Workplace.Region).In(language), job.Workplace.Settlement, document.Status,
            job.Workplace.AllKinds, job.Workplace.AllKinds.Select(kind => Names.Of(kind).In(language)).ToList(),
            Bin.Parse(job.EmployerBin) is { IsValid: true } bin && await registry.FindAsync(bin.Value, cancellationToken) is { } entry ? EmployerRegistryView.Of(entry) : null));
    }

    public async Task<Outcome<ConfirmationResult>> DecideAsync(Fields body, Language language, CancellationToken cancellationToken)
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

    /// <summary>Re-issues the employer link (new version; the old link stops working) and e-mails it again.</summary>
    public Task<Outcome<ConfirmationResult>> ReissueAsync(GraduateRecord graduate, string documentId, Language language, CancellationToken cancellationToken) =>
        RetryPolicy.RunAsync(attempt => ReissueOnceAsync(graduate.Id, documentId, language, attempt), () => Problem.ConcurrentUpdate, cancellationToken);

    private async Task<Outcome<ConfirmationResult>> DecideOnceAsync(string token, bool confirm, string historyNote, string? note, Language language, CancellationToken cancellationToken)
    {
        var (unit, document, problem) = await ResolveAsync(token, cancellationToken);
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

    private async Task<Outcome<ConfirmationResult>> ReissueOnceAsync(string graduateId, string documentId, Language language, CancellationToken cancellationToken)
    {
        var unit = await repository.LoadAsync(graduateId, cancellationToken);
        if (unit?.Find(documentId) is not { Kind: DocumentKind.EmploymentConfirmation } document)
        {
            return Problem.NotFound;
        }

        if (document.ReissueLink(time.GetUtcNow()) is { } refusal)
        {
            return Problem.Refused(refusal);
        }

        await changes.CommitAsync(unit, cancellationToken);
        return Outcome<ConfirmationResult>.Ok(new ConfirmationResult(document.Status, Names.Of(document.Status).In(language)));
    }

    private async Task<(GraduateUnit? Unit, Document? Document, Problem? Problem)> ResolveAsync(string? token, CancellationToken cancellationToken)
    {
        var (claim, problem) = tokens.Read(token);
        switch (problem)
        {
            case TokenProblem.Malformed:
            case TokenProblem.Tampered:
                return (null, null, new Problem(Refusal.Invalid, "token-invalid", TextCatalog.Default.Text("problems.token-invalid")));
            case TokenProblem.Expired:
                return (null, null, new Problem(Refusal.Gone, "token-expired", TextCatalog.Default.Text("problems.token-expired", ("days", tokens.LinkDays.ToString(CultureInfo.InvariantCulture)))));
        }

        var unit = await repository.LoadAsync(claim!.GraduateId, cancellationToken);
        if (unit?.Find(claim.DocumentId) is not { Kind: DocumentKind.EmploymentConfirmation, Link: { } link } document)
        {
            return (null, null, new Problem(Refusal.NotFound, "not-found", TextCatalog.Default.Text("problems.confirmation-not-found")));
        }

        if (claim.Version != link.Version || !string.Equals(claim.Email, link.Email, StringComparison.OrdinalIgnoreCase))
        {
            return (null, null, new Problem(Refusal.Gone, "token-revoked", TextCatalog.Default.Text("problems.token-revoked")));
        }

        if (link.Used || document.Status != DocumentStatus.AwaitingEmployer)
        {
            return (null, null, new Problem(Refusal.Conflict, "token-used", TextCatalog.Default.Text("problems.token-used")));
        }

        return (unit, document, null);
    }
}
