using Otrabotka.Domain;
using Otrabotka.Functions.Adapters;
using Otrabotka.Functions.Notifications;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

public sealed record ConfirmationView(
    string GraduateName, string EmployerName, string EmployerBin, string Position, DateOnly StartDate, DateOnly? EndDate,
    OrganisationKind OrganisationKind, string OrganisationKindName, Region Region, string RegionName, SettlementType SettlementType, DocumentStatus Status,
    IReadOnlyList<OrganisationKind> OrganisationKinds, IReadOnlyList<string> OrganisationKindNames);

public sealed record ConfirmationResult(DocumentStatus Status, string StatusName);

/// <summary>
/// Employers confirm or decline a hire through the signed link: no account. Viewing never consumes the
/// token (mail scanners open links); a decision does, once. An employer at a public mail service cannot
/// confirm alone: the answer sends the document to an operator's review.
/// </summary>
public sealed class Confirmations(Graduates graduates, GraduateData data, DocumentTransitions transitions, EmployerTokens tokens)
{
    public async Task<Outcome<ConfirmationView>> ViewAsync(string? token, Language language, CancellationToken cancellationToken)
    {
        var (g, d, problem) = await ResolveAsync(token, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var job = DocumentMetadata.Read<EmploymentMeta>(d!.Metadata);
        return Outcome<ConfirmationView>.Ok(new ConfirmationView(
            g!.FullName, job.EmployerName, job.EmployerBin, job.Position, job.StartDate, job.EndDate, job.OrganisationKind, Names.Of(job.OrganisationKind).In(language),
            job.Region, Names.Of(job.Region).In(language), job.SettlementType, d.Status,
            job.AllKinds, job.AllKinds.Select(k => Names.Of(k).In(language)).ToList()));
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

        return await RetryPolicy.RunAsync(attempt => DecideOnceAsync(token, decision, $"employer {(decision == "confirm" ? "confirmed" : "declined")}: {name}, {position}" + (note is null ? "" : $" — {note}"), language, attempt), () => Problem.ConcurrentUpdate, cancellationToken);
    }

    private async Task<Outcome<ConfirmationResult>> DecideOnceAsync(string token, string decision, string reason, Language language, CancellationToken cancellationToken)
    {
        {
            var (g, d, problem) = await ResolveAsync(token, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }

            var confirm = decision == "confirm";
            var publicMail = tokens.IsPublicMail(d!.EmployerEmail ?? "");
            var to = !confirm ? DocumentStatus.Rejected : publicMail ? DocumentStatus.AwaitingReview : DocumentStatus.Accepted;
            var model = new NoticeModel(GraduateName: g!.FullName, Document: d.Kind,
                Reasons: confirm ? null : [new Text("Жұмыс беруші жұмысқа қабылдауды растамады.", "Работодатель не подтвердил трудоустройство.", "The employer did not confirm the employment.")]);
            var kind = to switch
            {
                DocumentStatus.Accepted => NotificationKind.DocumentAccepted,
                DocumentStatus.AwaitingReview => NotificationKind.DocumentInReview,
                _ => NotificationKind.DocumentRejected,
            };
            var (result, refusal, next) = await transitions.ApplyAsync(
                g, d, [new Move(to, Actor.Employer, reason)],
                row => row with
                {
                    TokenUsed = true,
                    Reasons = confirm ? row.Reasons : [new ReasonRecord("employer-declined", model.Reasons![0])],
                },
                null,
                [new Notice(g.Email, kind, g.Language, model)],
                cancellationToken);
            return result == MoveResult.Refused ? Problem.Refused(refusal!) : Outcome<ConfirmationResult>.Ok(new ConfirmationResult(next.Status, Names.Of(next.Status).In(language)));
        }
    }

    private async Task<(GraduateRecord? Graduate, DocumentRow? Document, Problem? Problem)> ResolveAsync(string? token, CancellationToken cancellationToken)
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

        var g = await graduates.GetAsync(claim!.GraduateId, cancellationToken);
        var d = g is null ? null : await data.DocumentAsync(g.Id, claim.DocumentId, cancellationToken);
        if (g is null || d is null || d.Kind != DocumentKind.EmploymentConfirmation)
        {
            return (null, null, new Problem(Refusal.NotFound, "not-found", new("Растау сұрауы табылмады.", "Запрос на подтверждение не найден.", "The confirmation request was not found.")));
        }

        if (claim.Version != d.TokenVersion || !string.Equals(claim.Email, d.EmployerEmail, StringComparison.OrdinalIgnoreCase))
        {
            return (null, null, new Problem(Refusal.Gone, "token-revoked", new("Бұл сілтеме жаңасымен ауыстырылды.", "Эта ссылка заменена новой.", "This link was replaced by a newer one.")));
        }

        if (d.TokenUsed || d.Status != DocumentStatus.AwaitingEmployer)
        {
            return (null, null, new Problem(Refusal.Conflict, "token-used", new("Бұл сілтеме бойынша жауап берілген.", "По этой ссылке уже дан ответ.", "This link has already been answered.")));
        }

        return (g, d, null);
    }

    /// <summary>Re-issues the employer link (new version; the old link stops working) and e-mails it again.</summary>
    public async Task<Outcome<ConfirmationResult>> ReissueAsync(GraduateRecord g, string documentId, string publicBaseUrl, TimeProvider time, Language language, CancellationToken cancellationToken)
    {
        return await RetryPolicy.RunAsync(token => ReissueOnceAsync(g, documentId, publicBaseUrl, time, language, token), () => Problem.ConcurrentUpdate, cancellationToken);
    }

    private async Task<Outcome<ConfirmationResult>> ReissueOnceAsync(GraduateRecord g, string documentId, string publicBaseUrl, TimeProvider time, Language language, CancellationToken cancellationToken)
    {
        {
            var d = await data.DocumentAsync(g.Id, documentId, cancellationToken);
            if (d is null || d.Kind != DocumentKind.EmploymentConfirmation)
            {
                return Problem.NotFound;
            }

            if (d.Status != DocumentStatus.AwaitingEmployer)
            {
                return Problem.Refused(DomainReasons.IllegalTransition);
            }

            var job = DocumentMetadata.Read<EmploymentMeta>(d.Metadata);
            var now = time.GetUtcNow();
            var version = d.TokenVersion + 1;
            var link = tokens.Link(publicBaseUrl, tokens.Issue(new EmployerClaim(g.Id, d.Id, job.EmployerEmail, version, now)));
            var (result, _, next) = await transitions.ReissueAsync(g, d with { TokenVersion = version, TokenIssuedAt = now, TokenUsed = false },
                new Notice(job.EmployerEmail, NotificationKind.EmployerRequest, Language.Kk, new NoticeModel(GraduateName: g.FullName, EmployerName: job.EmployerName, Position: job.Position, Date: job.StartDate, Link: link), Bilingual: true),
                cancellationToken);
            _ = result;
            return Outcome<ConfirmationResult>.Ok(new ConfirmationResult(next.Status, Names.Of(next.Status).In(language)));
        }
    }
}
