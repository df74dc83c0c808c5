using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Otrabotka.Functions.Tests;

/// <summary>Graduates' CSV files posted as the operator and their status followed until done (the scale host's import tests).</summary>
internal sealed class ScaleImports(LocalHostFixture host)
{
    public const string Header = "iin;fullName;email;language;category;level;specialtyGroup;graduationDate;admissionYear;budgetCost;university;grantMonths;normativeMonths";

    private readonly Api api = new(host);

    /// <summary>A rural-quota pedagogical graduate's line (e-mail at <paramref name="domain"/>).</summary>
    public static string Row(string iin, string domain, decimal cost = 3600000) =>
        $"{iin};Түлек {iin[^4..]};{iin}@{domain};kk;rural-quota;bachelor;pedagogical;2024-06-20;2020;{cost.ToString(CultureInfo.InvariantCulture)};ПМУ;;";

    public async Task<(HttpStatusCode Status, JsonNode Body, Uri? Location)> ImportAsync(string csv)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/graduates/import") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(csv)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", api.OperatorToken);
        request.Headers.AcceptLanguage.ParseAdd("en");
        using var response = await host.Client.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!, response.Headers.Location);
    }

    /// <summary>The status at <paramref name="path"/> once it says done (fails after <paramref name="seconds"/>).</summary>
    public async Task<JsonNode> SettledAsync(string path, int seconds)
    {
        JsonNode? status = null;
        Assert.True(await LocalHostFixture.Eventually(async () =>
        {
            status = await api.JsonAsync(HttpMethod.Get, path, api.OperatorToken);
            return status["done"]!.GetValue<bool>();
        }, TimeSpan.FromSeconds(seconds)), $"{path} did not finish: {status?.ToJsonString()}");
        return status!;
    }
}
