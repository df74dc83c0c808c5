using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.Tests;

/// <summary>The employer registry on the documents path: shown for a known BIN, a contradicting declaration reviewed, a listed domain trusted.</summary>
[Collection(FeedHostCollection.Name)]
public sealed class FeedRegistryTests(FeedHostFixture host)
{
    private readonly FeedApi feed = new(host);

    private Api Api => feed.Api;

    [Fact]
    public async Task A_declaration_the_registry_contradicts_goes_to_review_with_both_shown()
    {
        var bank = Api.ValidBin();
        await feed.PutEmployerAsync(bank, kinds: "other", settlement: "city", region: "almaty-city", name: "АО «Банк Пример»");
        var (_, _, token) = await Api.RegisterAsync();
        var id = await Api.SubmitAsync(token, "employment-confirmation",
            Api.Employment(organisationKind: "other", region: "akmola", settlement: "village", bin: bank, name: "Ауыл мектебі", email: $"hr-{Guid.NewGuid():N}@employer.example.kz"), Api.Pdf());

        var document = await Api.SettledAsync(token, id);
        Assert.Equal("awaiting-review", document["status"]!.GetValue<string>());
        var conflict = Assert.Single(document["warnings"]!.AsArray(), w => w!["code"]!.GetValue<string>() == "registry-conflict")!;
        var message = conflict["message"]!.GetValue<string>();
        Assert.Contains("Ауыл мектебі", message, StringComparison.Ordinal);
        Assert.Contains("АО «Банк Пример»", message, StringComparison.Ordinal);

        // The same declaration where the registry agrees goes to the employer as before.
        var school = Api.ValidBin();
        await feed.PutEmployerAsync(school, kinds: "other", settlement: "village", region: "akmola");
        var agreeing = await Api.SubmitAsync(token, "employment-confirmation",
            Api.Employment(organisationKind: "other", region: "akmola", settlement: "village", bin: school, email: $"hr-{Guid.NewGuid():N}@employer.example.kz", start: "2025-10-01"), Api.Pdf());
        Assert.Equal("awaiting-employer", (await Api.SettledAsync(token, agreeing))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_confirmation_from_a_domain_the_registry_lists_is_not_flagged_unverified_and_the_pages_show_the_registry()
    {
        var domain = $"firm{Guid.NewGuid():N}"[..16] + ".kz";
        var listed = Api.ValidBin();
        await feed.PutEmployerAsync(listed, domains: [domain], name: "ТОО «Тізілімде»");
        var unlisted = Api.ValidBin();
        var listedDocument = await ConfirmAsync(listed, $"hr@{domain}", expectRegistry: "ТОО «Тізілімде»");
        var unlistedDocument = await ConfirmAsync(unlisted, $"hr-{Guid.NewGuid():N}@elsewhere.example.kz", expectRegistry: null);

        var checks = host.Storage.Table(StorageNames.EmployerChecksTable);
        Assert.False((await checks.GetEntityIfExistsAsync<TableEntity>(EmployerDomains.CheckPartition, listedDocument)).HasValue);
        Assert.True((await checks.GetEntityIfExistsAsync<TableEntity>(EmployerDomains.CheckPartition, unlistedDocument)).HasValue);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/check")
        {
            Content = JsonContent.Create(new { category = "state-order-other", level = "bachelor", specialtyGroup = "technical", organisationKind = "other", ownership = "private", region = "astana", settlementType = "city", employerBin = listed }),
        };
        request.Headers.Add("X-Forwarded-For", $"192.0.2.{Random.Shared.Next(1, 250)}");
        using var response = await host.Client.SendAsync(request);
        var check = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ТОО «Тізілімде»", check["registry"]!["name"]!.GetValue<string>());
    }

    private async Task<string> ConfirmAsync(string bin, string employer, string? expectRegistry)
    {
        var (_, _, token) = await Api.RegisterAsync();
        var id = await Api.SubmitAsync(token, "employment-confirmation", Api.Employment(bin: bin, email: employer), Api.Pdf());
        Assert.Equal("awaiting-employer", (await Api.SettledAsync(token, id))["status"]!.GetValue<string>());
        var link = await Api.EmployerTokenAsync(employer);
        var view = await Api.JsonAsync(HttpMethod.Post, "/api/confirmations/view", null, new { token = link });
        Assert.Equal(expectRegistry, view["registry"]?["name"]?.GetValue<string>());
        await Api.JsonAsync(HttpMethod.Post, "/api/confirmations/decision", null, new { token = link, decision = "confirm", confirmerName = "Б. Омаров", confirmerPosition = "HR" });
        return id;
    }
}
