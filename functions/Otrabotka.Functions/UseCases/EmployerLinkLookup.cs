using System.Globalization;
using Otrabotka.Domain;
using Otrabotka.Functions.Adapters;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.UseCases;

/// <summary>Finds the document an employer link points at, or the problem with the link (malformed, expired, revoked, used).</summary>
public sealed class EmployerLinkLookup(GraduateRepository repository, EmployerTokens tokens)
{
    public async Task<(GraduateUnit? Unit, Document? Document, Problem? Problem)> ResolveAsync(string? token, CancellationToken cancellationToken)
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

        if (link.Used)
        {
            return (null, null, new Problem(Refusal.Conflict, "token-used", TextCatalog.Default.Text("problems.token-used")));
        }

        // Not answered, but no longer waiting for the employer: say why rather than "already answered".
        if (document.Status != DocumentStatus.AwaitingEmployer)
        {
            return document.Status == DocumentStatus.Withdrawn
                ? (null, null, new Problem(Refusal.Conflict, "document-withdrawn", TextCatalog.Default.Text("problems.link-document-withdrawn")))
                : (null, null, new Problem(Refusal.Conflict, "confirmation-closed", TextCatalog.Default.Text("problems.link-confirmation-closed")));
        }

        return (unit, document, null);
    }
}
