using Azure;
using Azure.Data.Tables;
using Otrabotka.Domain;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>A graduate's pension feed as the operator sees it: consent, credited periods with months, reviews, flags.</summary>
public sealed record GraduateFeedView(string GraduateId, FeedConsent Consent, bool ConfirmsEmployment, string? LastPaidMonth,
    IReadOnlyList<FeedPeriodState> Periods, IReadOnlyList<FeedReviewState> Reviews, IReadOnlyList<FeedFlagState> Flags);

/// <summary>
/// An operator records a graduate's consent (consented, refused, unknown — or the SMS reply 511/512). Consent with a
/// recent paid month stops the re-confirmation reminder, so the reminder plan is refreshed.
/// </summary>
public sealed class SetFeedConsent(StorageClients storage, ReminderPlanner reminders, TimeProvider time)
{
    private const int Attempts = 5;

    public static GraduateFeedView View(GraduateRecord graduate, DateOnly today)
    {
        var feed = graduate.Feed ?? new FeedState();
        return new GraduateFeedView(graduate.Id, feed.Consent, feed.ConfirmsEmployment(graduate.Iin, today), feed.LastPaidMonth, feed.Periods, feed.Reviews, feed.Flags);
    }

    public GraduateFeedView Show(GraduateRecord graduate) => View(graduate, Almaty.Today(time));

    public async Task<GraduateFeedView?> RunAsync(string graduateId, FeedConsent consent, CancellationToken cancellationToken)
    {
        var table = storage.Table(StorageNames.GraduatesTable);
        for (var attempt = 1; ; attempt++)
        {
            var found = await table.GetEntityIfExistsAsync<TableEntity>(graduateId, GraduateStore.ProfileKey, cancellationToken: cancellationToken);
            if (!found.HasValue || found.Value is not { } entity)
            {
                return null;
            }

            var graduate = GraduateStore.ToGraduate(entity);
            var updated = graduate with { Feed = (graduate.Feed ?? new FeedState()) with { Consent = consent } };
            try
            {
                if (graduate.Feed?.Consent != consent)
                {
                    await table.UpdateEntityAsync(GraduateStore.ToEntity(updated), graduate.ETag, TableUpdateMode.Replace, cancellationToken);
                    await reminders.RefreshAsync(graduateId, cancellationToken);
                }

                return Show(updated);
            }
            catch (RequestFailedException ex) when (ex.Status == 412 && attempt < Attempts)
            {
            }
        }
    }

    /// <summary>A consent value as sent: a wire name (consented, refused, unknown) or the SMS reply (511, 512).</summary>
    public static FeedConsent? Parse(string? value) =>
        Wire.TryParse<FeedConsent>(value, out var consent) ? consent
        : value?.Trim() is "511" or "512" ? FeedConsentRules.FromSmsReply(value) : null;
}
