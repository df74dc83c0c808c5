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

        // Accountability: each consent an operator recorded, and their read of the graduate's feed, are in the audit trail.
        await Api.JsonAsync(HttpMethod.Get, $"/api/graduates/{graduateId}/feed", Api.OperatorToken);
        var trail = (await Api.JsonAsync(HttpMethod.Get, $"/api/operator/audit?graduateId={graduateId}", Api.SupervisorToken))["items"]!.AsArray()
            .Select(e => e!["action"]!.GetValue<string>()).ToList();
        Assert.Equal(2, trail.Count(a => a == "feed-consent-set"));
        Assert.Equal("feed-read", trail[0]);
    }

    [Fact]
    public async Task A_confirmation_at_another_employer_accepted_after_the_months_arrived_raises_the_other_employer_flag()
    {
        var (graduateId, iin, token) = await Api.RegisterAsync();
        var paying = Api.ValidBin();
        var confirmed = Api.ValidBin();
        await feed.PutEmployerAsync(paying);
        await feed.PutEmployerAsync(confirmed, name: "ТОО «Басқа»");
        await feed.ImportAsync(File([Row(iin, paying, "2025-09"), Row(iin, paying, "2025-10"), Row(iin, paying, "2025-11")]));
        Assert.Empty(await feed.FlagsAsync(graduateId));

        // The employer confirms later: the index sync after the acceptance judges the stored months again.
        await AcceptEmploymentAsync(token, confirmed, "2025-09-01");

        List<JsonNode> flags = [];
        Assert.True(await LocalHostFixture.Eventually(async () => (flags = await feed.FlagsAsync(graduateId)).Count > 0, TimeSpan.FromSeconds(20)), "no flag after the acceptance");
        var elsewhere = Assert.Single(flags, f => f["code"]!.GetValue<string>() == "feed-other-employer");
        Assert.Equal(paying, elsewhere["employerBin"]!.GetValue<string>());
        Assert.Equal(["2025-09", "2025-10", "2025-11"], elsewhere["months"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Contains((await feed.FeedAsync(graduateId))["flags"]!.AsArray(), f => f!["code"]!.GetValue<string>() == "feed-other-employer");
    }

    [Fact]
    public async Task An_exemption_recorded_after_the_months_arrived_raises_its_flag()
    {
        var (graduateId, iin, _) = await Api.RegisterAsync();
        var bin = Api.ValidBin();
        await feed.PutEmployerAsync(bin);
        await feed.ImportAsync(File([Row(iin, bin, "2025-10"), Row(iin, bin, "2025-11")]));
        Assert.Empty(await feed.FlagsAsync(graduateId));

        await Api.JsonAsync(HttpMethod.Post, $"/api/graduates/{graduateId}/exemptions", Api.OperatorToken,
            new { ground = "further-study", commissionDecisionDate = "2025-07-01", studyLevel = "master", enrolmentDate = "2025-08-25" }, HttpStatusCode.Created);

        List<JsonNode> flags = [];
        Assert.True(await LocalHostFixture.Eventually(async () => (flags = await feed.FlagsAsync(graduateId)).Count > 0, TimeSpan.FromSeconds(20)), "no flag after the exemption");
        Assert.Equal("feed-paid-while-exempt", Assert.Single(flags)["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Consent_comes_with_a_registration_or_an_import_row_and_a_repeat_with_another_consent_updates_it_without_a_conflict()
    {
        var iin = Api.NewIin();
        var registration = new Dictionary<string, object?>
        {
            ["iin"] = iin, ["fullName"] = "Айгерім Сапарова", ["email"] = $"{iin}@graduate.example.kz", ["language"] = "kk", ["category"] = "state-order-other",
            ["level"] = "bachelor", ["specialtyGroup"] = "technical", ["graduationDate"] = "2025-06-20", ["admissionYear"] = 2021, ["budgetCost"] = 3_600_000.00m,
            ["university"] = "Л.Н. Гумилев атындағы ЕҰУ", ["feedConsent"] = "511",
        };
        var created = await Api.JsonAsync(HttpMethod.Post, "/api/graduates", Api.OperatorToken, registration, HttpStatusCode.Created);
        var graduateId = created["graduateId"]!.GetValue<string>();
        Assert.Equal("consented", (await feed.FeedAsync(graduateId))["consent"]!.GetValue<string>());

        // The same registration as a CSV row with another consent: unchanged, no conflict, the consent updated.
        const string header = "iin;fullName;email;language;category;level;specialtyGroup;graduationDate;admissionYear;budgetCost;university;grantMonths;normativeMonths;feedConsent";
        string CsvRow(string consent) => $"{iin};Айгерім Сапарова;{iin}@graduate.example.kz;kk;state-order-other;bachelor;technical;2025-06-20;2021;3600000.00;Л.Н. Гумилев атындағы ЕҰУ;;;{consent}";
        var other = Api.NewIin();
        var otherRow = $"{other};Нұрлан Әбенов;{other}@graduate.example.kz;ru;state-order-other;bachelor;technical;2025-06-20;2021;3600000.00;ЕҰУ;;;consented";
        var imported = await ImportGraduatesAsync($"{header}\n{CsvRow("refused")}\n{otherRow}\n");
        Assert.True((Int(imported, "created"), Int(imported, "unchanged")) == (1, 1), imported.ToJsonString());
        Assert.Empty(imported["errors"]!.AsArray());
        Assert.Equal("refused", (await feed.FeedAsync(graduateId))["consent"]!.GetValue<string>());
        var otherId = (await host.Service<GraduateRegistry>().IdOfAsync(other, CancellationToken.None))!;
        Assert.Equal("consented", (await feed.FeedAsync(otherId))["consent"]!.GetValue<string>());

        // JSON again, the SMS reply 512 is a refusal too; an unknown value is refused per row with the field named.
        registration["feedConsent"] = "unknown";
        var again = await Api.JsonAsync(HttpMethod.Post, "/api/graduates", Api.OperatorToken, registration);
        Assert.Equal(graduateId, again["graduateId"]!.GetValue<string>());
        Assert.Equal("unknown", (await feed.FeedAsync(graduateId))["consent"]!.GetValue<string>());
        var bad = await ImportGraduatesAsync($"{header}\n{CsvRow("maybe")}\n");
        var error = Assert.Single(bad["errors"]!.AsArray())!;
        Assert.Equal((2, "consent-invalid"), (Int(error, "line"), error["code"]!.GetValue<string>()));
        Assert.Equal("unknown", (await feed.FeedAsync(graduateId))["consent"]!.GetValue<string>());
        registration["feedConsent"] = "maybe";
        using var refused = await Api.SendAsync(HttpMethod.Post, "/api/graduates", Api.OperatorToken, registration);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("feedConsent", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<JsonNode> ImportGraduatesAsync(string csv)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/graduates/import") { Content = new StringContent(csv, System.Text.Encoding.UTF8) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Api.OperatorToken);
        using var response = await host.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!;
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
        var plan = await host.Storage.Table(StorageNames.GraduatesTable).GetEntityIfExistsAsync<TableEntity>(graduateId, Otrabotka.Functions.Storage.GraduateStore.PlanKey(graduateId));
        return plan.HasValue ? System.Text.Json.JsonSerializer.Deserialize<List<string>>(plan.Value!.GetString("Rows") ?? "[]") ?? [] : [];
    }
}
