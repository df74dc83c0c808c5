using Otrabotka.Domain;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>A graduate changes their e-mail and language.</summary>
public sealed class UpdateContact(GraduateLookup graduates, GraduateRegistry registry, IndexSync indexes)
{
    /// <summary>A graduate changes their e-mail and language (ETag-conditional, retried from fresh state on a concurrent change).</summary>
    public async Task<Outcome<GraduateView>> RunAsync(string iin, Fields fields, Language language, CancellationToken cancellationToken)
    {
        string? email = fields.Has("email") ? fields.Email("email") : null;
        Language? preferred = fields.OptionalEnum<Language>("language");
        if (fields.Errors.Count > 0)
        {
            return Problem.Invalid(fields.Errors);
        }

        return await RetryPolicy.RunAsync(attempt => UpdateContactOnceAsync(iin, email, preferred, language, attempt), () => Problem.ConcurrentUpdate, cancellationToken);
    }

    private async Task<Outcome<GraduateView>> UpdateContactOnceAsync(string iin, string? email, Language? preferred, Language language, CancellationToken cancellationToken)
    {
        if (await graduates.FindByIinAsync(iin, cancellationToken) is not { } graduate)
        {
            return Problem.NotFound;
        }

        var updated = graduate with { Email = email ?? graduate.Email, Language = preferred ?? graduate.Language };
        await registry.UpdateAsync(updated, cancellationToken);
        if (email is not null)
        {
            // Due reminders carry the address they go to.
            await indexes.PlanRemindersAsync(graduate.Id, rewrite: true, cancellationToken);
        }

        return Outcome<GraduateView>.Ok(GraduateView.Of(updated, language));
    }
}
