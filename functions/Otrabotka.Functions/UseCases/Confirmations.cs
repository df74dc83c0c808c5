using Microsoft.Extensions.Logging;
using Otrabotka.Domain;
using Otrabotka.Functions.Adapters;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// Employers confirm or decline a hire through the signed link: no account. Viewing never consumes the
/// token (mail scanners open links); a decision does, once. An employer at a public mail service cannot
/// confirm alone: the document then goes to an operator's review (the document decides it).
/// </summary>
public sealed class Confirmations(GraduateRepository repository, DocumentChanges changes, EmployerTokens tokens, TimeProvider time, ILogger<Confirmations> logger)
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
            job.Workplace.AllKinds, job.Workplace.AllKinds.Select(kind => Names.Of(kind).In(language)).ToList()));
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
            body.Add("decision", "unknown-value", new("'decision' мәні confirm немесе decline болуы керек.", "'decision' должно быть confirm или decline.", "'decision' must be confirm or decline."));
        }

        if (body.Errors.Count > 0)
        {
            return Problem.Invalid(body.Errors);
        }

        var confirm = decision == "confirm";
        var reason = $"employer {(confirm ? "confirmed" : "declined")}: {name}, {position}" + (note is null ? "" : $" — {note}");
        return await RetryPolicy.RunAsync(attempt => DecideOnceAsync(token, confirm, reason, language, attempt), () => Problem.ConcurrentUpdate, cancellationToken);
    }

    /// <summary>Re-issues the employer link (new version; the old link stops working) and e-mails it again.</summary>
    public Task<Outcome<ConfirmationResult>> ReissueAsync(GraduateRecord g, string documentId, Language language, CancellationToken cancellationToken) =>
        RetryPolicy.RunAsync(attempt => ReissueOnceAsync(g.Id, documentId, language, attempt), () => Problem.ConcurrentUpdate, cancellationToken);

    private async Task<Outcome<ConfirmationResult>> DecideOnceAsync(string token, bool confirm, string reason, Language language, CancellationToken cancellationToken)
    {
        var (unit, document, problem) = await ResolveAsync(token, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var publicMail = tokens.IsPublicMail(document!.Link!.Email);
        if (document.DecideByEmployer(confirm, publicMail, time.GetUtcNow(), reason) is { } refusal)
        {
            return Problem.Refused(refusal);
        }

        await changes.CommitAsync(unit!, cancellationToken);
        logger.EmployerDecided(unit!.Graduate.Id, document.Id, confirm ? "confirm" : "decline", publicMail, document.Status);
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
                return (null, null, new Problem(Refusal.Invalid, "token-invalid", new("Сілтеме жарамсыз.", "Ссылка недействительна.", "The link is invalid.")));
            case TokenProblem.Expired:
                return (null, null, new Problem(Refusal.Gone, "token-expired", new("Сілтеменің мерзімі өтті (14 күн). Түлектен жаңа сілтеме сұраңыз.", "Срок действия ссылки истёк (14 дней). Попросите выпускника выслать новую.", "The link has expired (14 days). Ask the graduate for a new one.")));
        }

        var unit = await repository.LoadAsync(claim!.GraduateId, cancellationToken);
        if (unit?.Find(claim.DocumentId) is not { Kind: DocumentKind.EmploymentConfirmation, Link: { } link } document)
        {
            return (null, null, new Problem(Refusal.NotFound, "not-found", new("Растау сұрауы табылмады.", "Запрос на подтверждение не найден.", "The confirmation request was not found.")));
        }

        if (claim.Version != link.Version || !string.Equals(claim.Email, link.Email, StringComparison.OrdinalIgnoreCase))
        {
            return (null, null, new Problem(Refusal.Gone, "token-revoked", new("Бұл сілтеме жаңасымен ауыстырылды.", "Эта ссылка заменена новой.", "This link was replaced by a newer one.")));
        }

        if (link.Used || document.Status != DocumentStatus.AwaitingEmployer)
        {
            return (null, null, new Problem(Refusal.Conflict, "token-used", new("Бұл сілтеме бойынша жауап берілген.", "По этой ссылке уже дан ответ.", "This link has already been answered.")));
        }

        return (unit, document, null);
    }
}
