using System.Net;
using System.Text.Json.Nodes;

namespace Otrabotka.Functions.Tests;

/// <summary>Issue 11, M4: a graduate cannot confirm their own job unnoticed.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class EmployerAddressCheckTests(LocalHostFixture host)
{
    private const string CheckList = "/api/review/documents?check=employer-address-unverified";
    private readonly Api api = new(host);

    [Fact]
    public async Task A_confirmation_from_an_unverified_domain_is_accepted_flagged_and_an_operators_approval_verifies_the_domain()
    {
        var bin = Api.ValidBin();
        var domain = $"d{Guid.NewGuid():N}.example.kz";
        var (token, id) = await ConfirmedAsync(bin, $"hr@{domain}");
        Assert.Equal("accepted", (await api.JsonAsync(HttpMethod.Get, $"/api/me/documents/{id}", token))["status"]!.GetValue<string>());

        var view = await api.JsonAsync(HttpMethod.Get, $"/api/review/documents/{id}", api.OperatorToken);
        Assert.Equal((false, true), Check(view, "employer-address-unverified"));
        Assert.Equal((true, true), Check(view, "employer-answered"));
        Assert.Contains(id, await CheckListAsync());

        var approved = await api.JsonAsync(HttpMethod.Post, $"/api/review/documents/{id}/decision", api.OperatorToken, new { decision = "approve" });
        Assert.Equal("accepted", approved["status"]!.GetValue<string>());
        Assert.DoesNotContain(id, await CheckListAsync());
        Assert.Equal((true, true), Check(await api.JsonAsync(HttpMethod.Get, $"/api/review/documents/{id}", api.OperatorToken), "employer-address-verified"));

        // The next confirmation from that domain for that BIN is not flagged; the same domain for another BIN is.
        var (_, second) = await ConfirmedAsync(bin, $"kadry@{domain}");
        Assert.DoesNotContain(second, await CheckListAsync());
        Assert.Equal((true, true), Check(await api.JsonAsync(HttpMethod.Get, $"/api/review/documents/{second}", api.OperatorToken), "employer-address-verified"));
        var (_, otherBin) = await ConfirmedAsync(Api.ValidBin(), $"hr2@{domain}");
        Assert.Contains(otherBin, await CheckListAsync());
    }

    [Fact]
    public async Task A_public_mail_confirmation_still_goes_to_review_and_approving_it_verifies_nothing()
    {
        var bin = Api.ValidBin();
        var (token, id) = await ConfirmedAsync(bin, $"kadry{Guid.NewGuid():N}@gmail.com");
        Assert.Equal("awaiting-review", (await api.JsonAsync(HttpMethod.Get, $"/api/me/documents/{id}", token))["status"]!.GetValue<string>());
        Assert.Equal((false, true), Check(await api.JsonAsync(HttpMethod.Get, $"/api/review/documents/{id}", api.OperatorToken), "employer-address-public-mail"));
        await api.JsonAsync(HttpMethod.Post, $"/api/review/documents/{id}/decision", api.OperatorToken, new { decision = "approve" });

        var (nextToken, next) = await ConfirmedAsync(bin, $"other{Guid.NewGuid():N}@gmail.com");
        Assert.Equal("awaiting-review", (await api.JsonAsync(HttpMethod.Get, $"/api/me/documents/{next}", nextToken))["status"]!.GetValue<string>());
    }

    private static (bool Verified, bool Present) Check(JsonNode view, string code) =>
        view["checks"]!.AsArray().FirstOrDefault(c => c!["code"]!.GetValue<string>() == code) is { } check ? (check["verified"]!.GetValue<bool>(), true) : (false, false);

    private async Task<List<string>> CheckListAsync()
    {
        var ids = new List<string>();
        string? next = null;
        do
        {
            var page = await api.JsonAsync(HttpMethod.Get, CheckList + (next is null ? "" : "&continuationToken=" + Uri.EscapeDataString(next)), api.OperatorToken);
            ids.AddRange(page["items"]!.AsArray().Select(i => i!["documentId"]!.GetValue<string>()));
            next = page["continuationToken"]?.GetValue<string>();
        }
        while (next is not null);
        return ids;
    }

    private async Task<(string Token, string DocumentId)> ConfirmedAsync(string bin, string employer)
    {
        var (_, _, token) = await api.RegisterAsync();
        var id = await api.SubmitAsync(token, "employment-confirmation", Api.Employment(bin: bin, email: employer), Api.Pdf());
        Assert.Equal("awaiting-employer", (await api.SettledAsync(token, id))["status"]!.GetValue<string>());
        var link = await api.EmployerTokenAsync(employer);
        using var response = await api.SendAsync(HttpMethod.Post, "/api/confirmations/decision", null, new { token = link, decision = "confirm", confirmerName = "Б. Омаров", confirmerPosition = "HR" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (token, id);
    }
}
