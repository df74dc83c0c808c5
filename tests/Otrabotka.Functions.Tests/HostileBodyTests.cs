using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Otrabotka.Functions.Tests;

/// <summary>
/// What a hostile probe of the local host found on 27 Nov 2026, each now refused with a 4xx problem and nothing stored:
/// a CSV file in another encoding (declared or not); a list or an object where a single value goes; a property named
/// twice; a refused upload request that used up the employer-mail quota. A body with a UTF-8 byte order mark is read.
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed class HostileBodyTests(LocalHostFixture host)
{
    private const string Header = "iin;fullName;email;language;category;level;specialtyGroup;graduationDate;admissionYear;budgetCost;university;grantMonths;normativeMonths";
    private readonly Api api = new(host);

    static HostileBodyTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private async Task<HttpResponseMessage> ImportAsync(byte[] csv, string contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/graduates/import") { Content = new ByteArrayContent(csv) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", api.OperatorToken);
        request.Headers.AcceptLanguage.ParseAdd("ru");
        return await host.Client.SendAsync(request);
    }

    private static byte[] Windows1251Csv(string iin) =>
        Encoding.GetEncoding(1251).GetBytes($"{Header}\n{iin};Сапарова Айгерим;{iin}@mail.example.kz;ru;rural-quota;bachelor;pedagogical;2025-06-20;2021;3600000;ПМУ;;\n");

    [Fact]
    public async Task A_CSV_declared_in_another_charset_is_refused_whole()
    {
        var iin = Api.NewIin();
        using var response = await ImportAsync(Windows1251Csv(iin), "text/csv; charset=windows-1251");
        var problem = await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("unsupported-charset", ProblemCode(problem));
        Assert.Contains("windows-1251", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("UTF-8", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await AssertNotRegisteredAsync(iin);
    }

    [Fact]
    public async Task A_CSV_row_that_is_not_UTF8_is_refused_with_its_line_and_not_stored_garbled()
    {
        var iin = Api.NewIin();
        using var response = await ImportAsync(Windows1251Csv(iin), "text/csv");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var result = JsonNode.Parse(text)!;
        Assert.Equal(0, result["created"]!.GetValue<int>());
        var error = result["errors"]!.AsArray().First(e => e!["code"]!.GetValue<string>() == "invalid-encoding");
        Assert.Equal(2, error!["line"]!.GetValue<int>());
        Assert.Contains("UTF-8", error["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await AssertNotRegisteredAsync(iin);

        // The same file saved as UTF-8 is registered with its names as written.
        using var utf8 = await ImportAsync(Encoding.UTF8.GetBytes(Encoding.GetEncoding(1251).GetString(Windows1251Csv(iin))), "text/csv; charset=utf-8");
        Assert.Equal(1, JsonNode.Parse(await utf8.Content.ReadAsStringAsync())!["created"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("""["Айгерім","Сапарова"]""")]
    [InlineData("""{"x":1}""")]
    public async Task A_list_or_an_object_where_a_name_goes_is_refused_not_stored_as_its_JSON(string value)
    {
        var iin = Api.NewIin();
        var body = $$"""{"iin":"{{iin}}","fullName":{{value}},"email":"{{iin}}@mail.example.kz","language":"kk","category":"rural-quota","level":"bachelor","specialtyGroup":"pedagogical","graduationDate":"2025-06-20","admissionYear":2021,"budgetCost":3600000,"university":"ЕҰУ"}""";
        using var response = await SendRawAsync(HttpMethod.Post, "/api/graduates", api.OperatorToken, Encoding.UTF8.GetBytes(body));
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var error = Assert.Single(problem["errors"]!.AsArray());
        Assert.Equal("fullName", error!["field"]!.GetValue<string>());
        Assert.Equal("invalid-type", error["code"]!.GetValue<string>());
        await AssertNotRegisteredAsync(iin);
    }

    [Fact]
    public async Task A_correction_with_a_list_for_a_name_is_refused_and_changes_nothing()
    {
        var (graduateId, _, _) = await api.RegisterAsync();
        using var response = await SendRawAsync(HttpMethod.Patch, $"/api/operator/graduates/{graduateId}", api.OperatorToken, Encoding.UTF8.GetBytes("""{"changes":{"fullName":["A","B"]},"reason":"Паспорт бойынша."}"""));
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(problem["errors"]!.AsArray(), e => e!["code"]!.GetValue<string>() == "invalid-type");
        var graduate = await api.JsonAsync(HttpMethod.Get, $"/api/operator/graduates/{graduateId}", api.OperatorToken);
        Assert.Equal("Айгерім Сапарова", graduate["graduate"]!["fullName"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_property_named_twice_is_refused()
    {
        var iin = Api.NewIin();
        var body = $$"""{"iin":"{{iin}}","fullName":"Айгерім Сапарова","fullName":"Другое Имя","email":"{{iin}}@mail.example.kz","language":"kk","category":"rural-quota","level":"bachelor","specialtyGroup":"pedagogical","graduationDate":"2025-06-20","admissionYear":2021,"budgetCost":3600000,"university":"ЕҰУ"}""";
        using var response = await SendRawAsync(HttpMethod.Post, "/api/graduates", api.OperatorToken, Encoding.UTF8.GetBytes(body));
        Assert.Equal("invalid-json", ProblemCode(await AssertProblemAsync(response, HttpStatusCode.BadRequest)));
        await AssertNotRegisteredAsync(iin);
    }

    [Fact]
    public async Task A_body_with_a_UTF8_byte_order_mark_is_read()
    {
        var iin = Api.NewIin();
        var body = $$"""{"iin":"{{iin}}","fullName":"Айгерім Сапарова","email":"{{iin}}@mail.example.kz","language":"kk","category":"rural-quota","level":"bachelor","specialtyGroup":"pedagogical","graduationDate":"2025-06-20","admissionYear":2021,"budgetCost":3600000,"university":"ЕҰУ"}""";
        using var response = await SendRawAsync(HttpMethod.Post, "/api/graduates", api.OperatorToken, [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(body)]);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Upload_requests_refused_for_their_metadata_use_none_of_the_days_employer_addresses()
    {
        var (_, _, token) = await api.RegisterAsync();
        for (var n = 1; n <= 4; n++)
        {
            var refused = new { kind = "employment-confirmation", size = 1000, metadata = new { employerBin = Api.ValidBin(), employerName = "Мектеп", employerEmail = $"hr{n}@school{n}.kz", organisationKind = "education", ownership = "state", region = "akmola", settlementType = "village", position = "мұғалім", startDate = "2025-02-29" } };
            using var response = await api.SendAsync(HttpMethod.Post, "/api/me/documents/uploads", token, refused);
            await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        }

        using var upload = await api.UploadAsync(token, "employment-confirmation", Api.Employment(), Api.Pdf());
        Assert.True(upload.StatusCode == HttpStatusCode.Accepted, await upload.Content.ReadAsStringAsync());
    }

    private async Task AssertNotRegisteredAsync(string iin)
    {
        var found = await api.JsonAsync(HttpMethod.Post, "/api/graduates/search", api.OperatorToken, new { iin });
        Assert.Empty(found["items"]!.AsArray());
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, string token, byte[] body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.AcceptLanguage.ParseAdd("en");
        return await host.Client.SendAsync(request);
    }

    private static string ProblemCode(JsonNode problem) =>
        problem["code"]?.GetValue<string>() ?? problem["type"]!.GetValue<string>().Split('/').Last();

    private static async Task<JsonNode> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(text)!;
    }
}
