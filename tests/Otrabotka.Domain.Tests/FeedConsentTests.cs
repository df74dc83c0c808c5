using static Otrabotka.Domain.Tests.FeedMatchingTests;
using static Otrabotka.Domain.Tests.Fixtures;

namespace Otrabotka.Domain.Tests;

public sealed class FeedConsentTests
{
    [Theory]
    [InlineData("511", FeedConsent.Consented)]
    [InlineData(" 512 ", FeedConsent.Refused)]
    [InlineData("5", FeedConsent.Unknown)]
    [InlineData(null, FeedConsent.Unknown)]
    public void The_reply_to_1414_sets_consent(string? reply, FeedConsent consent)
    {
        Assert.Equal(consent, FeedConsentRules.FromSmsReply(reply));
    }

    [Theory]
    [InlineData(FeedConsent.Consented, "2025-03", true, "2025-04-10", true)]
    [InlineData(FeedConsent.Consented, "2025-02", true, "2025-04-10", true)]
    [InlineData(FeedConsent.Consented, "2025-01", true, "2025-04-10", false)]
    [InlineData(FeedConsent.Consented, "2025-04", true, "2025-04-10", false)]
    [InlineData(FeedConsent.Consented, "2025-03", false, "2025-04-10", false)]
    [InlineData(FeedConsent.Refused, "2025-03", true, "2025-04-10", false)]
    [InlineData(FeedConsent.Unknown, "2025-03", true, "2025-04-10", false)]
    public void The_feed_confirms_employment_only_with_consent_and_a_recent_paid_month(FeedConsent consent, string month, bool paid, string today, bool confirms)
    {
        Assert.Equal(confirms, FeedConsentRules.FeedConfirmsEmployment(consent, [Month(School, month, paid)], D(today)));
    }

    [Theory]
    [InlineData(true, 0)]
    [InlineData(false, 1)]
    public void A_graduate_whose_feed_confirms_employment_gets_no_reconfirmation_reminder(bool feedConfirms, int reconfirmations)
    {
        var facts = new ReminderFacts("g1", D("2024-09-01"), Closed: false, HasEmploymentProof: true, [], [new ActiveEmployment("doc-1", D("2024-09-01"))], [], null,
            FeedConfirmsEmployment: feedConfirms);
        var due = ReminderPolicy.Due(facts, D("2025-04-10"));
        Assert.Equal(reconfirmations, due.Count(r => r.Kind == ReminderKind.ReconfirmationDue));
    }
}
