using Otrabotka.Domain;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>A graduate has the employer link re-issued (new version; the old link stops working) and e-mailed again.</summary>
public sealed class ReissueEmployerLink(GraduateRepository repository, DocumentChanges changes, TimeProvider time)
{
    /// <summary>Re-issues the employer link (new version; the old link stops working) and e-mails it again.</summary>
    public Task<Outcome<ConfirmationResult>> RunAsync(GraduateRecord graduate, string documentId, Language language, CancellationToken cancellationToken) =>
        RetryPolicy.RunAsync(attempt => ReissueOnceAsync(graduate.Id, documentId, language, attempt), () => Problem.ConcurrentUpdate, cancellationToken);

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
}
