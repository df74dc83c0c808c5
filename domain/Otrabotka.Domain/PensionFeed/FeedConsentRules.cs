namespace Otrabotka.Domain;

/// <summary>Consent and what it changes: a consented graduate whose feed shows the last months is not asked to re-confirm.</summary>
public static class FeedConsentRules
{
    /// <summary>The reply to 1414's SMS: 511 consents, 512 refuses, anything else leaves it unknown.</summary>
    public static FeedConsent FromSmsReply(string? reply) => reply?.Trim() switch
    {
        "511" => FeedConsent.Consented,
        "512" => FeedConsent.Refused,
        _ => FeedConsent.Unknown,
    };

    /// <summary>
    /// Whether the feed confirms the graduate's employment today: consent given, and a contribution paid for
    /// the month before the current one or the month before that [decision: a month's contributions are due by
    /// the 25th of the next, so the month before last is always due and the last one may already be in].
    /// A refused or unknown consent never does: such a graduate gets the reminders as before.
    /// </summary>
    public static bool FeedConfirmsEmployment(FeedConsent consent, IEnumerable<ContributionMonth> months, DateOnly today)
    {
        if (consent != FeedConsent.Consented)
        {
            return false;
        }

        var current = FeedMonth.Of(today);
        var earliest = current.AddMonths(-2);
        return FeedMatching.Latest(months).Any(m => m.Paid && m.Month >= earliest && m.Month < current);
    }
}
