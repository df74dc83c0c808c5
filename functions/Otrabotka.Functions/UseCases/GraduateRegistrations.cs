using Otrabotka.Domain;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.UseCases;

/// <summary>Registers a validated graduate record, or recognises the same graduate registered before, or refuses a changed one.</summary>
public sealed class GraduateRegistrations(GraduateLookup graduates, GraduateRegistry registry, IndexSync indexes, SetFeedConsent consents, TimeProvider time)
{
    public Task<Outcome<RegistrationResult>> RegisterAsync(GraduateRecord record, CancellationToken cancellationToken) =>
        RetryPolicy.RunAsync(attempt => RegisterOnceAsync(record, attempt), () => RegisteredConcurrently, cancellationToken);

    /// <summary>A new graduate as the operators' index first shows them: with the status their ledger has today.</summary>
    internal static GraduateRecord Indexed(GraduateRecord record, DateOnly today) =>
        record with { Status = record.Status ?? GraduateLedger.Compute(record, [], today).Status };

    private static Problem RegisteredConcurrently => new(Refusal.Conflict, "graduate-exists", TextCatalog.Default.Text("problems.concurrent-registration"));

    private async Task<Outcome<RegistrationResult>> RegisterOnceAsync(GraduateRecord record, CancellationToken cancellationToken)
    {
        if (await graduates.FindByIinAsync(record.Iin, cancellationToken) is { } existing)
        {
            if (existing.ImportHash != record.ImportHash)
            {
                return new Problem(Refusal.Conflict, "graduate-exists", TextCatalog.Default.Text("problems.graduate-exists"),
                    Extensions: new Dictionary<string, object?> { ["graduateId"] = existing.Id });
            }

            await UpdateConsentAsync(existing, record, cancellationToken);
            return Outcome<RegistrationResult>.Ok(new RegistrationResult(existing.Id, false));
        }

        var id = GraduateStore.NewId('g');
        await registry.ClaimIinAsync(record.Iin, id, record.ImportHash, cancellationToken);
        // The profile is stored with its status snapshot, so the graduate's first change does not rewrite the profile
        // (and re-check the operators' index) only to fill it in (issue 12).
        await registry.AddAsync(Indexed(record with { Id = id }, Almaty.Today(time)), cancellationToken);
        await indexes.PlanRemindersAsync(id, rewrite: false, cancellationToken);
        return Outcome<RegistrationResult>.Created(new RegistrationResult(id, true));
    }

    /// <summary>The same registration sent again with another consent: the consent is recorded (the registration is unchanged).</summary>
    private async Task UpdateConsentAsync(GraduateRecord existing, GraduateRecord sent, CancellationToken cancellationToken)
    {
        if (sent.Feed?.Consent is { } consent && (existing.Feed?.Consent ?? FeedConsent.Unknown) != consent)
        {
            await consents.RunAsync(existing.Id, consent, cancellationToken);
        }
    }
}
