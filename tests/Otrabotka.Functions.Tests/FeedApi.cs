using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Otrabotka.Functions.Tests;

/// <summary>The pension-feed routes as the tests drive them: registry entries, feed files, import status, findings.</summary>
internal sealed class FeedApi(LocalHostFixture host)
{
    public const string Header = "iin,employerBin,employerName,employerAddress,katoCode,month,contributionPaid";

    public Api Api { get; } = new(host);

    public static string Row(string iin, string bin, string month, bool paid = true, string name = "ТОО «Дала Техно»") =>
        $"{iin},{bin},\"{name}\",\"г. Астана, ул. Бейбітшілік, 1\",,{month},{(paid ? "true" : "false")}";

    public static string File(params IEnumerable<string>[] rows) => Header + "\n" + string.Concat(rows.SelectMany(r => r).Select(r => r + "\n"));

    public async Task PutEmployerAsync(string bin, string kinds = "other", string settlement = "city", string region = "astana", string name = "ТОО «Дала Техно»", string[]? domains = null)
    {
        await Api.JsonAsync(HttpMethod.Put, $"/api/employer-registry/{bin}", Api.OperatorToken, new
        {
            name,
            organisationKinds = kinds.Split(';'),
            ownership = "private",
            region,
            settlementType = settlement,
            emailDomains = domains ?? [],
            source = "МТСЗН РК",
            asOf = "2026-10-01",
        });
    }

    public async Task<(HttpStatusCode Status, JsonNode Body, string? Location)> UploadAsync(string content, string path = "/api/feed/files", string mediaType = "text/csv")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(content)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Api.OperatorToken);
        request.Headers.AcceptLanguage.ParseAdd("en");
        using var response = await host.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text)!, response.Headers.Location?.OriginalString);
    }

    /// <summary>Uploads a feed file and waits for its import to be done; returns the final status.</summary>
    public async Task<JsonNode> ImportAsync(string content, string path = "/api/feed/files", string mediaType = "text/csv")
    {
        var (status, body, location) = await UploadAsync(content, path, mediaType);
        Assert.True(status == HttpStatusCode.Accepted, body.ToJsonString());
        Assert.Equal($"/api/feed/imports/{body["importId"]}", location);
        return await DoneAsync(location!);
    }

    public async Task<JsonNode> DoneAsync(string location)
    {
        JsonNode? status = null;
        Assert.True(await LocalHostFixture.Eventually(async () =>
        {
            status = await Api.JsonAsync(HttpMethod.Get, location, Api.OperatorToken);
            return status["done"]!.GetValue<bool>() || status["state"]!.GetValue<string>() == "refused";
        }, TimeSpan.FromSeconds(90)), $"{location} did not finish: {status?.ToJsonString()}");
        return status!;
    }

    public Task<JsonNode> ObligationAsync(string graduateId) => Api.JsonAsync(HttpMethod.Get, $"/api/graduates/{graduateId}/obligation", Api.OperatorToken);

    public Task<JsonNode> FeedAsync(string graduateId) => Api.JsonAsync(HttpMethod.Get, $"/api/graduates/{graduateId}/feed", Api.OperatorToken);

    public async Task<List<JsonNode>> ReviewsAsync(string graduateId) =>
        [.. (await Api.JsonAsync(HttpMethod.Get, "/api/feed/reviews", Api.OperatorToken)).AsArray().Where(r => r!["graduateId"]!.GetValue<string>() == graduateId).Select(r => r!)];

    public async Task<List<JsonNode>> FlagsAsync(string graduateId) =>
        [.. (await Api.JsonAsync(HttpMethod.Get, "/api/feed/flags", Api.OperatorToken)).AsArray().Where(r => r!["graduateId"]!.GetValue<string>() == graduateId).Select(r => r!)];

    public static string Month(DateOnly day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static int Int(JsonNode node, string name) => node[name]!.GetValue<int>();
}
