using System.Net;
using System.Text.Json.Nodes;
using Otrabotka.Functions.Adapters;

namespace Otrabotka.Functions.Tests;

[Collection(LocalHostCollection.Name)]
public sealed class EmployerLinkTests(LocalHostFixture host)
{
    private readonly Api api = new(host);

    private async Task<(string GraduateId, string Token, string DocumentId, string Employer, string Link)> AwaitingEmployerAsync(string? employer = null)
    {
        var (graduateId, _, token) = await api.RegisterAsync();
        employer ??= $"hr-{Guid.NewGuid():N}@employer.example.kz";
        var id = await api.SubmitAsync(token, "employment-confirmation", Api.Employment(email: employer), Api.Pdf());
        Assert.Equal("awaiting-employer", (await api.SettledAsync(token, id))["status"]!.GetValue<string>());
        return (graduateId, token, id, employer, await api.EmployerTokenAsync(employer));
    }

    private async Task<(HttpStatusCode Status, string? Code)> DecideAsync(string link, string decision = "confirm")
    {
        using var response = await api.SendAsync(HttpMethod.Post, "/api/confirmations/decision", null, new { token = link, decision, confirmerName = "Б. Омаров", confirmerPosition = "HR" });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, body?["code"]?.GetValue<string>());
    }

    [Fact]
    public async Task Viewing_does_not_consume_the_link_but_a_decision_does_once()
    {
        var (_, _, _, _, link) = await AwaitingEmployerAsync();
        for (var i = 0; i < 3; i++)
        {
            await api.JsonAsync(HttpMethod.Post, "/api/confirmations/view", null, new { token = link });
        }

        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(link)).Status);
        Assert.Equal((HttpStatusCode.Conflict, "token-used"), await DecideAsync(link));
    }

    [Fact]
    public async Task A_link_to_a_withdrawn_document_says_so_rather_than_already_answered_and_records_nothing()
    {
        var (_, token, id, _, link) = await AwaitingEmployerAsync();
        using (var withdrawn = await api.SendAsync(HttpMethod.Post, $"/api/me/documents/{id}/withdraw", token))
        {
            Assert.True(withdrawn.IsSuccessStatusCode, await withdrawn.Content.ReadAsStringAsync());
        }

        Assert.Equal((HttpStatusCode.Conflict, "document-withdrawn"), await DecideAsync(link));
        using var view = await api.SendAsync(HttpMethod.Post, "/api/confirmations/view", null, new { token = link }, "ru");
        var problem = JsonNode.Parse(await view.Content.ReadAsStringAsync())!;
        Assert.Equal("document-withdrawn", problem["code"]!.GetValue<string>());
        Assert.Contains("отозвал", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("withdrawn", (await api.JsonAsync(HttpMethod.Get, $"/api/me/documents/{id}", token))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_expired_link_is_refused_with_410()
    {
        var (graduateId, _, id, employer, _) = await AwaitingEmployerAsync();
        var stale = host.Service<EmployerTokens>().Issue(new EmployerClaim(graduateId, id, employer, 1, DateTimeOffset.UtcNow.AddDays(-15)));
        Assert.Equal((HttpStatusCode.Gone, "token-expired"), await DecideAsync(stale));
    }

    [Fact]
    public async Task Reissuing_revokes_the_old_link_and_the_new_one_works()
    {
        var (_, token, id, employer, oldLink) = await AwaitingEmployerAsync();
        await api.JsonAsync(HttpMethod.Post, $"/api/me/documents/{id}/employer-link", token);
        var newLink = await api.EmployerTokenAsync(employer, expectedCount: 2);
        Assert.NotEqual(oldLink, newLink);
        Assert.Equal((HttpStatusCode.Gone, "token-revoked"), await DecideAsync(oldLink));
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(newLink, "decline")).Status);
        var doc = await api.JsonAsync(HttpMethod.Get, $"/api/me/documents/{id}", token);
        Assert.Equal("rejected", doc["status"]!.GetValue<string>());
        Assert.Equal("employer-declined", doc["reasons"]![0]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_tampered_link_is_refused_with_400()
    {
        var (_, _, _, _, link) = await AwaitingEmployerAsync();
        var tampered = link[..5] + (link[5] == 'A' ? 'B' : 'A') + link[6..];
        Assert.Equal((HttpStatusCode.BadRequest, "token-invalid"), await DecideAsync(tampered));
        Assert.Equal((HttpStatusCode.BadRequest, "token-invalid"), await DecideAsync("not-a-token"));
    }

    [Fact]
    public async Task An_employer_at_a_public_mail_service_sends_the_document_to_review_instead_of_accepting_it()
    {
        var (_, token, id, _, link) = await AwaitingEmployerAsync($"kadry{Guid.NewGuid():N}@gmail.com");
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(link)).Status);
        Assert.Equal("awaiting-review", (await api.JsonAsync(HttpMethod.Get, $"/api/me/documents/{id}", token))["status"]!.GetValue<string>());
        var queue = await api.JsonAsync(HttpMethod.Get, "/api/review/documents?kind=employment-confirmation", api.OperatorToken);
        Assert.Contains(id, queue["items"]!.AsArray().Select(i => i!["documentId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_confirmation_page_is_served_in_Kazakh_Russian_and_English_without_the_token_in_the_url()
    {
        using var response = await host.Client.GetAsync("/confirm");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<script type=\"module\" src=\"/assets/confirm.js\"></script>", html, StringComparison.Ordinal);
        Assert.Contains("location.hash", await host.Client.GetStringAsync("/assets/confirm.js"), StringComparison.Ordinal);
        Assert.Contains("Жұмысқа қабылдауды растау", await host.Client.GetStringAsync("/assets/employer-page.kk.json"), StringComparison.Ordinal);
        Assert.Contains("Подтверждение трудоустройства", await host.Client.GetStringAsync("/assets/employer-page.ru.json"), StringComparison.Ordinal);
        Assert.Contains("Employment confirmation", await host.Client.GetStringAsync("/assets/employer-page.en.json"), StringComparison.Ordinal);
        var contacts = await host.Client.GetStringAsync("/api/enumerations");
        Assert.Contains("fincenter@fincenter.kz", contacts, StringComparison.Ordinal);
        Assert.Contains("fincenter2020@gmail.com", contacts, StringComparison.Ordinal);
    }
}
