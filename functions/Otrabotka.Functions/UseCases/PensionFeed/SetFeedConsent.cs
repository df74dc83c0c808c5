using Otrabotka.Domain;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// An operator records a graduate's consent (consented, refused, unknown — or the SMS reply 511/512). Consent with a
/// recent paid month stops the re-confirmation reminder, so the reminder plan is refreshed.
/// </summary>
public sealed class SetFeedConsent(GraduateRepository repository, DocumentChanges changes, TimeProvider time)
{
    /// <summary>Records the consent (a change of the profile, ETag-guarded, retried from fresh state); null for no such graduate.</summary>
    public Task<GraduateFeedView?> RunAsync(string graduateId, FeedConsent consent, CancellationToken cancellationToken) =>
        RetryPolicy.RunAsync(token => RunOnceAsync(graduateId, consent, token), () => throw new ConcurrentChangeException(), cancellationToken);

    private async Task<GraduateFeedView?> RunOnceAsync(string graduateId, FeedConsent consent, CancellationToken cancellationToken)
    {
        if (await repository.LoadAsync(graduateId, cancellationToken) is not { } unit)
        {
            return null;
        }

        var graduate = unit.Graduate;
        if (graduate.Feed?.Consent == consent)
        {
            return Show(graduate);
        }

        // The index sync after the commit replans the reminders (consent may stop the re-confirmation reminder).
        unit.Update(graduate with { Feed = (graduate.Feed ?? new FeedState()) with { Consent = consent } });
        await changes.CommitAsync(unit, cancellationToken);
        return Show(unit.Graduate);
    }

    private GraduateFeedView Show(GraduateRecord graduate) => GraduateFeedView.Of(graduate, Almaty.Today(time));

    /// <summary>A consent value as sent: a wire name (consented, refused, unknown) or the SMS reply (511, 512).</summary>
    public static FeedConsent? Parse(string? value) =>
        Wire.TryParse<FeedConsent>(value, out var consent) ? consent
        : value?.Trim() is "511" or "512" ? FeedConsentRules.FromSmsReply(value) : null;
}
