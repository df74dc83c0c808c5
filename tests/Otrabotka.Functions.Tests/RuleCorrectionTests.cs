using System.Globalization;
using System.Text.Json.Nodes;

namespace Otrabotka.Functions.Tests;

/// <summary>The rule corrections of the seed audit that a graduate sees on a route.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class RuleCorrectionTests(LocalHostFixture host)
{
    private readonly Api api = new(host);

    private string DaysFromToday(int months, int days = 0) =>
        Domain.Almaty.Today(host.Clock).AddMonths(months).AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static IEnumerable<string> Codes(JsonNode doc, string list = "reasons") =>
        doc[list]!.AsArray().Select(r => r!["code"]!.GetValue<string>());

    [Fact]
    public async Task A_referral_older_than_the_graduation_year_is_refused_with_its_own_reason()
    {
        var (_, _, token) = await api.RegisterAsync();
        var old = await api.SettledAsync(token, await api.SubmitAsync(token, "unemployment-registration", new { referralDate = "2024-08-20", registeredFrom = "2025-09-01" }, Api.Pdf()));
        Assert.Equal("rejected", old["status"]!.GetValue<string>());
        Assert.Equal(["referral-outside-graduation-year"], Codes(old));

        var current = await api.SettledAsync(token, await api.SubmitAsync(token, "unemployment-registration", new { referralDate = "2025-01-10", registeredFrom = "2025-09-01" }, Api.Pdf()));
        Assert.Equal("awaiting-review", current["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Residency_exempts_only_when_the_claim_says_it_is_on_the_state_order()
    {
        var (_, _, token) = await api.RegisterAsync("state-order", "medical", "bachelor");
        object Residency(bool? stateOrder) => new { ground = "further-study", commissionDecisionDate = "2025-07-01", studyLevel = "residency", enrolmentDate = "2025-08-25", stateOrder };

        var unsaid = await api.SettledAsync(token, await api.SubmitAsync(token, "exemption-proof", Residency(null), Api.Pdf()));
        Assert.Equal("rejected", unsaid["status"]!.GetValue<string>());
        Assert.Equal(["residency-not-state-order"], Codes(unsaid));

        var paid = await api.SettledAsync(token, await api.SubmitAsync(token, "exemption-proof", Residency(false), Api.Pdf()));
        Assert.Equal(["residency-not-state-order"], Codes(paid));

        var stateOrder = await api.SettledAsync(token, await api.SubmitAsync(token, "exemption-proof", Residency(true), Api.Pdf()));
        Assert.Equal("awaiting-review", stateOrder["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_state_order_flag_that_is_not_a_boolean_is_a_400_naming_the_field()
    {
        var (_, _, token) = await api.RegisterAsync("state-order", "medical", "bachelor");
        using var response = await api.UploadAsync(token, "exemption-proof", new { ground = "further-study", commissionDecisionDate = "2025-07-01", studyLevel = "residency", enrolmentDate = "2025-08-25", stateOrder = "perhaps" }, Api.Pdf());
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(body["errors"]!.AsArray(), e => e!["field"]!.GetValue<string>() == "stateOrder");
    }

    [Fact]
    public async Task A_contract_signed_ahead_of_its_start_goes_to_the_employer_and_one_too_far_ahead_is_refused()
    {
        var (_, _, token) = await api.RegisterAsync();
        var ahead = await api.SettledAsync(token, await api.SubmitAsync(token, "employment-confirmation", Api.Employment(start: DaysFromToday(1)), Api.Pdf()));
        Assert.Equal("awaiting-employer", ahead["status"]!.GetValue<string>());

        var tooFar = await api.SettledAsync(token, await api.SubmitAsync(token, "employment-confirmation", Api.Employment(start: DaysFromToday(3, 1)), Api.Pdf()));
        Assert.Equal("rejected", tooFar["status"]!.GetValue<string>());
        Assert.Equal(["start-too-far-ahead"], Codes(tooFar));
    }

    private static object Clinic(string? kind, string[]? kinds, string employer) => new
    {
        employerBin = Api.ValidBin(),
        employerName = "Университет клиникасы",
        employerEmail = employer,
        organisationKind = kind,
        organisationKinds = kinds,
        ownership = "state",
        region = "astana",
        settlementType = "city",
        position = "дәрігер",
        startDate = "2025-09-01",
    };

    [Fact]
    public async Task A_university_clinic_of_two_kinds_counts_for_a_medical_graduate_and_the_employer_sees_both_kinds()
    {
        var (_, _, token) = await api.RegisterAsync("state-order", "medical", "bachelor");
        var employer = $"hr-{Guid.NewGuid():N}@clinic.example.kz";
        var doc = await api.SettledAsync(token, await api.SubmitAsync(token, "employment-confirmation", Clinic("higher-education", ["higher-education", "healthcare"], employer), Api.Pdf()));
        Assert.Equal("awaiting-employer", doc["status"]!.GetValue<string>());
        Assert.Equal("higher-education", doc["metadata"]!["organisationKind"]!.GetValue<string>());
        Assert.Equal(["higher-education", "healthcare"], doc["metadata"]!["organisationKinds"]!.AsArray().Select(k => k!.GetValue<string>()));

        var view = await api.JsonAsync(HttpMethod.Post, "/api/confirmations/view", null, new { token = await api.EmployerTokenAsync(employer) });
        Assert.Equal("higher-education", view["organisationKind"]!.GetValue<string>());
        Assert.Equal(["higher-education", "healthcare"], view["organisationKinds"]!.AsArray().Select(k => k!.GetValue<string>()));
        Assert.Equal(2, view["organisationKindNames"]!.AsArray().Count);
    }

    [Fact]
    public async Task Only_the_list_given_makes_its_first_kind_the_single_one()
    {
        var (_, _, token) = await api.RegisterAsync("phd", "medical", "doctorate");
        var doc = await api.SettledAsync(token, await api.SubmitAsync(token, "employment-confirmation", Clinic(null, ["scientific", "healthcare"], "hr@centre.example.kz"), Api.Pdf()));
        Assert.Equal("awaiting-employer", doc["status"]!.GetValue<string>());
        Assert.Equal("scientific", doc["metadata"]!["organisationKind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Only_the_single_kind_given_is_stored_as_a_list_of_one_too()
    {
        var (_, _, token) = await api.RegisterAsync();
        var doc = await api.SettledAsync(token, await api.SubmitAsync(token, "employment-confirmation", Api.Employment("other"), Api.Pdf()));
        Assert.Equal("other", doc["metadata"]!["organisationKind"]!.GetValue<string>());
        Assert.Equal(["other"], doc["metadata"]!["organisationKinds"]!.AsArray().Select(k => k!.GetValue<string>()));
    }

    [Theory]
    [InlineData("education", new[] { "higher-education", "healthcare" }, "organisation-kind-not-listed")]
    [InlineData(null, new string[0], "invalid-list")]
    [InlineData(null, new[] { "school" }, "unknown-value")]
    public async Task Kinds_that_do_not_agree_are_a_400_naming_organisationKinds(string? kind, string[] kinds, string code)
    {
        var (_, _, token) = await api.RegisterAsync("state-order", "medical", "bachelor");
        using var response = await api.UploadAsync(token, "employment-confirmation", Clinic(kind, kinds, "hr@clinic.example.kz"), Api.Pdf());
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(body["errors"]!.AsArray(), e => e!["field"]!.GetValue<string>() == "organisationKinds" && e["code"]!.GetValue<string>() == code);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_organisationKinds()
    {
        var doc = await api.JsonAsync(HttpMethod.Get, "/api/openapi.json", null);
        var schemas = doc["components"]!["schemas"]!;
        var properties = schemas["EmploymentMeta"]!["properties"]!;
        Assert.Equal("array", properties["organisationKinds"]!["type"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/OrganisationKind", properties["organisationKinds"]!["items"]!["$ref"]!.GetValue<string>());
        Assert.Contains("healthcare", schemas["OrganisationKind"]!["enum"]!.AsArray().Select(k => k!.GetValue<string>()));
        Assert.NotNull(properties["organisationKind"]);
    }

    [Fact]
    public async Task The_employer_page_has_a_place_for_every_kind()
    {
        using var response = await host.Client.GetAsync("/confirm");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("id=\"kind\"", html, StringComparison.Ordinal);
        Assert.Contains("organisationKinds", await host.Client.GetStringAsync("/assets/confirm.js"), StringComparison.Ordinal);
    }

    private async Task<string> ConfirmedJobAsync(string token, string start)
    {
        var employer = $"hr-{Guid.NewGuid():N}@employer.example.kz";
        var id = await api.SubmitAsync(token, "employment-confirmation", Api.Employment(start: start, email: employer), Api.Pdf());
        await api.SettledAsync(token, id);
        var link = await api.EmployerTokenAsync(employer);
        await api.JsonAsync(HttpMethod.Post, "/api/confirmations/decision", null, new { token = link, decision = "confirm", confirmerName = "Б. Омаров", confirmerPosition = "HR" });
        return id;
    }

    [Fact]
    public async Task A_change_of_employer_is_not_a_late_start_and_an_end_closes_the_job_the_ledger_closes()
    {
        var (_, _, token) = await api.RegisterAsync();
        var first = await ConfirmedJobAsync(token, "2025-09-01");
        var second = await api.SubmitAsync(token, "employment-confirmation", Api.Employment(start: "2026-01-10", email: $"hr-{Guid.NewGuid():N}@employer.example.kz"), Api.Pdf());
        var secondDoc = await api.SettledAsync(token, second);
        Assert.Empty(secondDoc["warnings"]!.AsArray());
        var link = await api.EmployerTokenAsync(secondDoc["metadata"]!["employerEmail"]!.GetValue<string>());
        await api.JsonAsync(HttpMethod.Post, "/api/confirmations/decision", null, new { token = link, decision = "confirm", confirmerName = "А. Бек", confirmerPosition = "HR" });

        // Dated before the second job began: it can only end the first, and validation now agrees with the ledger.
        var end = await api.SettledAsync(token, await api.SubmitAsync(token, "employment-end", new { endDate = "2025-12-31" }, Api.Pdf()));
        Assert.Equal("accepted", end["status"]!.GetValue<string>());
        var periods = (await api.JsonAsync(HttpMethod.Get, "/api/me/obligation", token))["periods"]!.AsArray();
        Assert.Equal("2025-12-31", periods.Single(p => p!["source"]!.GetValue<string>() == first)!["to"]!.GetValue<string>());
        Assert.Null(periods.Single(p => p!["source"]!.GetValue<string>() == second)!["to"]);
    }
}
