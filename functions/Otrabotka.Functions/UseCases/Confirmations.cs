using System.Globalization;
using Otrabotka.Domain;
using Otrabotka.Functions.Adapters;
using Otrabotka.Functions.Http;
using Otrabotka.Functions.Notifications;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.UseCases;

public sealed record ConfirmationView(
    string GraduateName, string EmployerName, string EmployerBin, string Position, DateOnly StartDate, DateOnly? EndDate,
    OrganisationKind OrganisationKind, string OrganisationKindName, Region Region, string RegionName, SettlementType SettlementType, DocumentStatus Status,
    IReadOnlyList<OrganisationKind> OrganisationKinds, IReadOnlyList<string> OrganisationKindNames, EmployerRegistryView? Registry = null);

public sealed record ConfirmationResult(DocumentStatus Status, string StatusName);

/// <summary>
/// Employers confirm or decline a hire through the signed link: no account. Viewing never consumes the
/// token (mail scanners open links); a decision does, once. An employer at a public mail service cannot
/// confirm alone: the answer sends the document to an operator's review.
/// </summary>
public sealed class Confirmations(Graduates graduates, GraduateData data, DocumentTransitions transitions, EmployerTokens tokens, FileVerdicts verdicts, EmployerAddressChecks checks, EmployerRegistryStore registry)
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
            job.AllKinds, job.AllKinds.Select(k => Names.Of(k).In(language)).ToList(),
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

        for (var attempt = 0; attempt < 10; attempt++)
        {
            var (g, d, problem) = await ResolveAsync(token, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }

            var confirm = decision == "confirm";
            var publicMail = tokens.IsPublicMail(d!.EmployerEmail ?? "");
            var to = !confirm ? DocumentStatus.Rejected : publicMail ? DocumentStatus.AwaitingReview : DocumentStatus.Accepted;

            // Accepted only with a clean verdict on the file: else review, or rejection and quarantine if malicious.
            var verdict = to == DocumentStatus.Accepted ? await verdicts.OfAsync(d, cancellationToken) : Adapters.MalwareVerdict.Clean;
            to = FileVerdicts.Gate(to, verdict);
            var malicious = verdict == Adapters.MalwareVerdict.Malicious;
            var blobName = malicious ? await verdicts.QuarantineAsync(d, cancellationToken) : d.BlobName;
            var reason = $"employer {(confirm ? "confirmed" : "declined")}: {name}, {position}" + (note is null ? "" : $" — {note}");
            var model = new NoticeModel(GraduateName: g!.FullName, Document: d.Kind,
                Reasons: malicious ? [FileVerdicts.Malicious.Message] : confirm ? null : [TextCatalog.Default.Text("reasons.employer-declined")])
            {
                GraduateSex = NoticeModel.SexOf(g.Iin), ByEmployer = !confirm, EmployerNote = confirm ? null : note,
            };
            var kind = to switch
            {
                DocumentStatus.Accepted => NotificationKind.DocumentAccepted,
                DocumentStatus.AwaitingReview => NotificationKind.DocumentInReview,
                _ => NotificationKind.DocumentRejected,
            };
            var (result, refusal, next) = await transitions.ApplyAsync(
                g, d, [new Move(to, "employer", reason)],
                row => row with
                {
                    TokenUsed = true,
                    BlobName = blobName,
                    Reasons = malicious ? [new ReasonRecord(FileVerdicts.Malicious.Code, FileVerdicts.Malicious.Message)]
                        : confirm ? row.Reasons : [new ReasonRecord("employer-declined", model.Reasons![0])],
                },
                null,
                [new Notice(g.Email, kind, g.Language, model)],
                cancellationToken);
            switch (result)
            {
                case MoveResult.Refused:
                    return DocumentTransitions.Refusal(refusal!);
                case MoveResult.Done:
                    if (next.Status == DocumentStatus.Accepted)
                    {
                        await checks.OnEmployerConfirmedAsync(next, cancellationToken);
                    }

                    return Outcome<ConfirmationResult>.Ok(new ConfirmationResult(next.Status, Names.Of(next.Status).In(language)));
            }

            await Task.Delay(Random.Shared.Next(5, 40), cancellationToken);
        }

        return Graduates.Conflict;
    }

    private async Task<(GraduateRecord? Graduate, DocumentRow? Document, Problem? Problem)> ResolveAsync(string? token, CancellationToken cancellationToken)
    {
        var (claim, problem) = tokens.Read(token);
        switch (problem)
        {
            case TokenProblem.Malformed:
            case TokenProblem.Tampered:
                return (null, null, new Problem(400, "token-invalid", TextCatalog.Default.Text("problems.token-invalid")));
            case TokenProblem.Expired:
                return (null, null, new Problem(410, "token-expired", TextCatalog.Default.Text("problems.token-expired", ("days", tokens.LinkDays.ToString(CultureInfo.InvariantCulture)))));
        }

        var g = await graduates.GetAsync(claim!.GraduateId, cancellationToken);
        var d = g is null ? null : await data.DocumentAsync(g.Id, claim.DocumentId, cancellationToken);
        if (g is null || d is null || d.Kind != DocumentKind.EmploymentConfirmation)
        {
            return (null, null, new Problem(404, "not-found", TextCatalog.Default.Text("problems.confirmation-not-found")));
        }

        if (claim.Version != d.TokenVersion || !string.Equals(claim.Email, d.EmployerEmail, StringComparison.OrdinalIgnoreCase))
        {
            return (null, null, new Problem(410, "token-revoked", TextCatalog.Default.Text("problems.token-revoked")));
        }

        if (d.TokenUsed || d.Status != DocumentStatus.AwaitingEmployer)
        {
            return (null, null, new Problem(409, "token-used", TextCatalog.Default.Text("problems.token-used")));
        }

        return (g, d, null);
    }

    /// <summary>Re-issues the employer link (new version; the old link stops working) and e-mails it again.</summary>
    public async Task<Outcome<ConfirmationResult>> ReissueAsync(GraduateRecord g, string documentId, string publicBaseUrl, TimeProvider time, Language language, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var d = await data.DocumentAsync(g.Id, documentId, cancellationToken);
            if (d is null || d.Kind != DocumentKind.EmploymentConfirmation)
            {
                return Problem.NotFound;
            }

            if (d.Status != DocumentStatus.AwaitingEmployer)
            {
                return DocumentTransitions.Refusal(DomainReasons.IllegalTransition);
            }

            var job = DocumentMetadata.Read<EmploymentMeta>(d.Metadata);
            var now = time.GetUtcNow();
            var version = d.TokenVersion + 1;
            var link = tokens.Link(publicBaseUrl, tokens.Issue(new EmployerClaim(g.Id, d.Id, job.EmployerEmail, version, now)));
            var (result, _, next) = await transitions.ReissueAsync(g, d with { TokenVersion = version, TokenIssuedAt = now, TokenUsed = false },
                new Notice(job.EmployerEmail, NotificationKind.EmployerRequest, Language.Kk, new NoticeModel(GraduateName: g.FullName, EmployerName: job.EmployerName, Position: job.Position, Date: job.StartDate, Link: link) { LinkDays = tokens.LinkDays }, Bilingual: true),
                cancellationToken);
            if (result == MoveResult.Done)
            {
                return Outcome<ConfirmationResult>.Ok(new ConfirmationResult(next.Status, Names.Of(next.Status).In(language)));
            }
        }

        return Graduates.Conflict;
    }
}
