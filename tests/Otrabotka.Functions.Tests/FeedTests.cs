using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Otrabotka.Domain;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.Texts;
using static Otrabotka.Functions.Tests.FeedApi;

namespace Otrabotka.Functions.Tests;

/// <summary>The pension feed through the local host on Azurite: credited without a document, reviewed when the rules refuse, idempotent, flagged, told by e-mail once.</summary>
[Collection(FeedHostCollection.Name)]
public sealed class FeedTests(FeedHostFixture host)
{
    private readonly FeedApi feed = new(host);

    private Api Api => feed.Api;

    [Fact]
    public async Task A_graduate_is_credited_from_the_feed_alone_and_told_once_and_a_reimport_changes_nothing()
    {
        var (graduateId, iin, _) = await Api.RegisterAsync();
        var bin = Api.ValidBin();
        await feed.PutEmployerAsync(bin);
        var file = File([Row(iin, bin, "2025-09"), Row(iin, bin, "2025-10"), Row(iin, bin, "2025-11")]);

        var first = await feed.ImportAsync(file);
        Assert.Equal((3, 3, 0, 0), (Int(first, "rowsRead"), Int(first, "applied"), Int(first, "unchanged"), Int(first, "errorCount")));
        var obligation = await feed.ObligationAsync(graduateId);
        var period = Assert.Single(obligation["periods"]!.AsArray())!;
        Assert.Equal("pension-feed", period["evidence"]!.GetValue<string>());
        Assert.Equal(["2025-09", "2025-10", "2025-11"], period["months"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal("2025-11-30", period["to"]!.GetValue<string>());
        Assert.True(period["credited"]!.GetValue<bool>());
        Assert.True(Int(obligation, "creditedDays") >= 61, obligation.ToJsonString());
        var subject = TextCatalog.Default.Get("mail.feed-credited.subject", Language.Kk);
        var email = $"{iin}@graduate.example.kz";
        Assert.True(await LocalHostFixture.Eventually(() => Task.FromResult(host.Mail.Newest(email).Any(m => m.Subject == subject)), TimeSpan.FromSeconds(20)));

        var again = await feed.ImportAsync(file);
        Assert.Equal((3, 0, 3), (Int(again, "rowsRead"), Int(again, "applied"), Int(again, "unchanged")));
        Assert.Equal(obligation.ToJsonString(), (await feed.ObligationAsync(graduateId)).ToJsonString());

        // A later file overlapping the first: the month already so is unchanged, the new one extends the period.
        var later = await feed.ImportAsync(File([Row(iin, bin, "2025-11"), Row(iin, bin, "2025-12")]));
        Assert.Equal((1, 1), (Int(later, "applied"), Int(later, "unchanged")));
        var extended = Assert.Single((await feed.ObligationAsync(graduateId))["periods"]!.AsArray())!;
        Assert.Equal("2025-12-31", extended["to"]!.GetValue<string>());
        await Task.Delay(1500);
        Assert.Single(host.Mail.Newest(email), m => m.Subject == subject);
    }

    [Fact]
    public async Task Months_at_an_employer_the_rules_refuse_or_do_not_know_go_to_one_review_item_each_with_the_reason_updated_by_later_months()
    {
        var (graduateId, iin, _) = await Api.RegisterAsync(category: "rural-quota", group: "pedagogical");
        var cityBank = Api.ValidBin();
        await feed.PutEmployerAsync(cityBank, kinds: "other", settlement: "city", name: "АО «Банк Пример»");
        var unknown = Api.ValidBin();

        await feed.ImportAsync(File([Row(iin, cityBank, "2025-09"), Row(iin, cityBank, "2025-10"), Row(iin, unknown, "2025-09", name: "ТОО «Белгісіз»")]));
        await feed.ImportAsync(File([Row(iin, cityBank, "2025-11")]));

        var reviews = await feed.ReviewsAsync(graduateId);
        Assert.Equal(2, reviews.Count);
        var bank = Assert.Single(reviews, r => r["employerBin"]!.GetValue<string>() == cityBank);
        Assert.Equal(["2025-09", "2025-10", "2025-11"], bank["months"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Contains(bank["reasons"]!.AsArray(), r => r!["code"]!.GetValue<string>() == DomainReasons.WorkplaceNotRural.Code);
        var stranger = Assert.Single(reviews, r => r["employerBin"]!.GetValue<string>() == unknown);
        Assert.Equal(DomainReasons.FeedEmployerUnknown.Code, Assert.Single(stranger["reasons"]!.AsArray())!["code"]!.GetValue<string>());
        Assert.Empty((await feed.ObligationAsync(graduateId))["periods"]!.AsArray());

        // Told once per employer, with the reason, not once per month or per file.
        var subject = TextCatalog.Default.Get("mail.feed-not-credited.subject", Language.Kk);
        var email = $"{iin}@graduate.example.kz";
        Assert.True(await LocalHostFixture.Eventually(() => Task.FromResult(host.Mail.Newest(email).Count(m => m.Subject == subject) == 2), TimeSpan.FromSeconds(20)));
        await Task.Delay(1000);
        var mails = host.Mail.Newest(email).Where(m => m.Subject == subject).ToList();
        Assert.Equal(2, mails.Count);
        Assert.Contains(mails, m => m.Text.Contains(DomainReasons.WorkplaceNotRural.Message.Kk, StringComparison.Ordinal));
    }

    [Fact]
    public async Task No_contributions_after_an_accepted_start_and_contributions_at_another_employer_each_raise_their_flag()
    {
        var (graduateId, iin, token) = await Api.RegisterAsync();
        var confirmed = Api.ValidBin();
        var other = Api.ValidBin();
        await feed.PutEmployerAsync(confirmed);
        await feed.PutEmployerAsync(other, name: "ТОО «Басқа»");
        await AcceptEmploymentAsync(token, confirmed, "2025-09-01");

        await feed.ImportAsync(File([Row(iin, confirmed, "2025-09"), Row(iin, confirmed, "2025-10", paid: false), Row(iin, confirmed, "2025-11", paid: false), Row(iin, other, "2025-11")]));

        var flags = await feed.FlagsAsync(graduateId);
        var silent = Assert.Single(flags, f => f["code"]!.GetValue<string>() == "feed-no-contributions");
        Assert.Equal(confirmed, silent["employerBin"]!.GetValue<string>());
        Assert.Equal(["2025-10", "2025-11"], silent["months"]!.AsArray().Select(m => m!.GetValue<string>()));
        var elsewhere = Assert.Single(flags, f => f["code"]!.GetValue<string>() == "feed-other-employer");
        Assert.Equal(other, elsewhere["employerBin"]!.GetValue<string>());
        Assert.Equal(2, (await feed.FeedAsync(graduateId))["flags"]!.AsArray().Count);
    }

    [Fact]
    public async Task Contributions_after_a_recorded_exemption_raise_their_flag()
    {
        var (graduateId, iin, _) = await Api.RegisterAsync();
        var bin = Api.ValidBin();
        await feed.PutEmployerAsync(bin);
        await Api.JsonAsync(HttpMethod.Post, $"/api/graduates/{graduateId}/exemptions", Api.OperatorToken,
            new { ground = "further-study", commissionDecisionDate = "2025-07-01", studyLevel = "master", enrolmentDate = "2025-08-25" }, HttpStatusCode.Created);

        await feed.ImportAsync(File([Row(iin, bin, "2025-10"), Row(iin, bin, "2025-11")]));

        var flag = Assert.Single(await feed.FlagsAsync(graduateId));
        Assert.Equal("feed-paid-while-exempt", flag["code"]!.GetValue<string>());
        Assert.Equal(["2025-10", "2025-11"], flag["months"]!.AsArray().Select(m => m!.GetValue<string>()));
    }

    [Fact]
    public async Task Consent_with_a_recent_feed_replaces_the_reconfirmation_reminder_and_a_refusal_brings_it_back()
    {
        var (graduateId, iin, token) = await Api.RegisterAsync();
        var bin = Api.ValidBin();
        await feed.PutEmployerAsync(bin);
        await AcceptEmploymentAsync(token, bin, "2025-09-01");
        Assert.Contains(await PlanAsync(graduateId), key => key.Contains("|reconfirm|", StringComparison.Ordinal));

        var today = Almaty.Today(TimeProvider.System);
        await feed.ImportAsync(File([Row(iin, bin, Month(today.AddMonths(-2))), Row(iin, bin, Month(today.AddMonths(-1)))]));
        Assert.Contains(await PlanAsync(graduateId), key => key.Contains("|reconfirm|", StringComparison.Ordinal));

        var consented = await Api.JsonAsync(HttpMethod.Put, $"/api/graduates/{graduateId}/feed-consent", Api.OperatorToken, new { consent = "511" });
        Assert.Equal("consented", consented["consent"]!.GetValue<string>());
        Assert.True(consented["confirmsEmployment"]!.GetValue<bool>());
        Assert.DoesNotContain(await PlanAsync(graduateId), key => key.Contains("|reconfirm|", StringComparison.Ordinal));

        await Api.JsonAsync(HttpMethod.Put, $"/api/graduates/{graduateId}/feed-consent", Api.OperatorToken, new { consent = "refused" });
        Assert.Contains(await PlanAsync(graduateId), key => key.Contains("|reconfirm|", StringComparison.Ordinal));

        using var bad = await Api.SendAsync(HttpMethod.Put, $"/api/graduates/{graduateId}/feed-consent", Api.OperatorToken, new { consent = "maybe" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    private async Task AcceptEmploymentAsync(string token, string bin, string start)
    {
        var employer = $"hr-{Guid.NewGuid():N}@employer.example.kz";
        var documentId = await Api.SubmitAsync(token, "employment-confirmation", Api.Employment(bin: bin, start: start, email: employer), Api.Pdf());
        await Api.JsonAsync(HttpMethod.Post, "/api/confirmations/decision", null, new { token = await Api.EmployerTokenAsync(employer), decision = "confirm", confirmerName = "A", confirmerPosition = "B" });
        var document = await Api.JsonAsync(HttpMethod.Get, $"/api/me/documents/{documentId}", token);
        Assert.Equal("accepted", document["status"]!.GetValue<string>());
    }

    private async Task<List<string>> PlanAsync(string graduateId)
    {
        var plan = await host.Storage.Table(StorageNames.GraduatesTable).GetEntityIfExistsAsync<TableEntity>(graduateId, Otrabotka.Functions.Storage.GraduateStore.PlanKey);
        return plan.HasValue ? System.Text.Json.JsonSerializer.Deserialize<List<string>>(plan.Value!.GetString("Rows") ?? "[]") ?? [] : [];
    }
}
