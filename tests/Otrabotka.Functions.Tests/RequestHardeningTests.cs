using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Otrabotka.Functions.Tests;

/// <summary>Bodies a review sent that answered 500 (issue 11, L1–L4): each now a 4xx problem naming the field.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class RequestHardeningTests(LocalHostFixture host)
{
    private readonly Api api = new(host);

    public static TheoryData<string> JsonRoutes()
    {
        var data = new TheoryData<string>();
        foreach (var (name, _, _) in RouteTable.Routes().Where(r => RouteTable.Of(r.Name).Body == Body.Json))
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(JsonRoutes))]
    public async Task A_lone_surrogate_or_invalid_UTF8_in_a_JSON_body_is_a_400_naming_the_field(string name)
    {
        var (request, field) = await TargetAsync(name);
        foreach (var (what, body) in new (string, byte[])[]
        {
            ("lone surrogate", Encoding.UTF8.GetBytes($"{{\"{field}\":\"a\\ud800b\"}}")),
            ("invalid UTF-8", [.. Encoding.UTF8.GetBytes($"{{\"{field}\":\"a"), 0xC3, 0x28, 0xFF, .. Encoding.UTF8.GetBytes("b\"}")]),
        })
        {
            using var response = await SendAsync(request, body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{name}, {what}: {(int)response.StatusCode} {text}");
            var problem = JsonNode.Parse(text)!;
            Assert.True(problem["code"]!.GetValue<string>() == "invalid-json" || problem["errors"]!.AsArray().Any(e => e!["field"]!.GetValue<string>() == field), $"{name}, {what}: {text}");
        }
    }

    [Fact]
    public async Task A_lone_surrogate_in_a_property_name_is_a_400()
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/confirmations/view"), Encoding.UTF8.GetBytes("{\"\\udc00x\":\"y\",\"token\":\"a\"}"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("#1", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_overlong_optional_text_field_is_a_400_naming_it_not_a_500()
    {
        var (_, _, token) = await api.RegisterAsync();
        using var response = await api.UploadAsync(token, "employment-confirmation", Api.Employment(kato: new string('7', 40_000)), Api.Pdf());
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {text[..Math.Min(300, text.Length)]}");
        Assert.Contains("katoCode", JsonNode.Parse(text)!["errors"]!.AsArray().Select(e => e!["field"]!.GetValue<string>()));
    }

    [Fact]
    public async Task An_overlong_note_is_a_400_naming_it()
    {
        var (_, _, token) = await api.RegisterAsync();
        var id = await api.SubmitAsync(token, "employment-confirmation", Api.Employment(), Api.Pdf());
        using var response = await api.SendAsync(HttpMethod.Post, $"/api/me/documents/{id}/contest", token, new { note = new string('x', 40_000) });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
        Assert.Contains("note", JsonNode.Parse(text)!["errors"]!.AsArray().Select(e => e!["field"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_64_KiB_limit_holds_for_a_chunked_body_without_Content_Length()
    {
        var big = Encoding.UTF8.GetBytes("{\"token\":\"" + new string('a', 70 * 1024) + "\"}");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/confirmations/view") { Content = new StreamContent(new MemoryStream(big)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TransferEncodingChunked = true;
        using var response = await host.Client.SendAsync(request);
        Assert.Null(request.Content.Headers.ContentLength);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);

        var small = Encoding.UTF8.GetBytes("{\"token\":\"" + new string('a', 60 * 1024) + "\"}");
        using var within = new HttpRequestMessage(HttpMethod.Post, "/api/confirmations/view") { Content = new StreamContent(new MemoryStream(small)) };
        within.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        within.Headers.TransferEncodingChunked = true;
        using var answered = await host.Client.SendAsync(within);
        Assert.NotEqual(HttpStatusCode.RequestEntityTooLarge, answered.StatusCode);
        Assert.True((int)answered.StatusCode < 500);
    }

    [Fact]
    public async Task A_repeated_CSV_header_column_is_a_400_naming_the_column()
    {
        var csv = "iin,fullName,email,fullName\n" + Api.NewIin() + ",A,a@b.kz,B\n";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/graduates/import") { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", api.OperatorToken);
        using var response = await host.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
        var error = Assert.Single(JsonNode.Parse(text)!["errors"]!.AsArray());
        Assert.Equal("fullName", error!["field"]!.GetValue<string>());
        Assert.Equal("csv-repeated-column", error["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_CSV_missing_a_column_the_rows_need_is_refused_whole_naming_each_column_and_registers_nothing()
    {
        var iin = Api.NewIin();
        var (status, text) = await ImportAsync($"iin;fullName;email;level;graduationDate;admissionYear;budgetCost;university\n{iin};Айгерім Сапарова;{iin}@graduate.example.kz;bachelor;2025-06-20;2021;4200000;ЕНУ\n", "ru");
        Assert.True(status == HttpStatusCode.BadRequest, text);
        var errors = JsonNode.Parse(text)!["errors"]!.AsArray();
        Assert.Equal(["category", "specialtyGroup"], errors.Select(e => e!["field"]!.GetValue<string>()));
        Assert.All(errors, e => Assert.Equal("csv-missing-column", e!["code"]!.GetValue<string>()));
        Assert.Contains("нет столбца 'category'", errors[0]!["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        // Nothing of the refused file was kept: the same graduate in a file of the right shape is new.
        var (again, registered) = await ImportAsync(
            $"iin;fullName;email;category;level;specialtyGroup;graduationDate;admissionYear;budgetCost;university\n{iin};Айгерім Сапарова;{iin}@graduate.example.kz;state-order-other;bachelor;technical;2025-06-20;2021;4200000;ЕНУ\n", "en");
        Assert.True(again == HttpStatusCode.OK, registered);
        Assert.Equal(1, JsonNode.Parse(registered)!["created"]!.GetValue<int>());
    }

    private async Task<(HttpStatusCode Status, string Text)> ImportAsync(string csv, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/graduates/import") { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", api.OperatorToken);
        request.Headers.AcceptLanguage.ParseAdd(language);
        using var response = await host.Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_CSV_whose_first_line_never_ends_is_refused_as_a_400_without_being_read_whole()
    {
        var csv = "iin,fullName," + new string('x', 2 * 1024 * 1024);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/graduates/import") { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", api.OperatorToken);
        request.Headers.AcceptLanguage.ParseAdd("ru");
        using var response = await host.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
        var problem = JsonNode.Parse(text)!;
        Assert.Equal("csv-header-too-long", problem["code"]!.GetValue<string>());
        Assert.Contains("заголовка", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_import_larger_than_the_host_accepts_is_a_413_and_leaves_no_part_of_the_file_behind()
    {
        var imports = host.Storage.Container(Otrabotka.Functions.Storage.StorageNames.ImportsContainer);
        var before = await CountAsync(imports);
        var row = Encoding.UTF8.GetBytes(Api.NewIin() + ",Айгерім Сапарова,a@b.kz\n");
        var body = new MemoryStream();
        body.Write("iin,fullName,email,language,category,level,specialtyGroup,graduationDate,admissionYear,budgetCost,university\n"u8);
        while (body.Length < 31_000_000)
        {
            body.Write(row);
        }

        body.Position = 0;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/graduates/import") { Content = new StreamContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", api.OperatorToken);
        using var response = await host.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, text);
        Assert.Equal("body-too-large", JsonNode.Parse(text)!["code"]!.GetValue<string>());
        Assert.Equal(before, await CountAsync(imports));
    }

    private static async Task<int> CountAsync(Azure.Storage.Blobs.BlobContainerClient container)
    {
        var count = 0;
        await foreach (var _ in container.GetBlobsAsync())
        {
            count++;
        }

        return count;
    }

    [Theory]
    [InlineData("budgetCost", "79228162514264337593543950335", "budget-cost-too-large")]
    [InlineData("budgetCost", "1000000000.01", "budget-cost-too-large")]
    [InlineData("graduationDate", "2199-06-30", "graduation-too-late")]
    [InlineData("graduationDate", "9999-06-30", "date-out-of-range")]
    public async Task An_impossible_amount_or_date_is_a_400_naming_the_field_and_claims_nothing(string field, string value, string code)
    {
        var iin = Api.NewIin();
        var row = new Dictionary<string, string>
        {
            ["iin"] = iin, ["fullName"] = "Айгерім Сапарова", ["email"] = $"{iin}@graduate.example.kz", ["category"] = "state-order-other",
            ["level"] = "bachelor", ["specialtyGroup"] = "technical", ["graduationDate"] = "2025-06-20", ["admissionYear"] = "2021",
            ["budgetCost"] = "3600000.00", ["university"] = "ЕҰУ",
        };
        row[field] = value;
        var json = "{" + string.Join(',', row.Select(p => $"\"{p.Key}\":" + (p.Key is "admissionYear" or "budgetCost" ? p.Value : $"\"{p.Value}\""))) + "}";
        using var register = new HttpRequestMessage(HttpMethod.Post, "/api/graduates") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        register.Headers.Authorization = new AuthenticationHeaderValue("Bearer", api.OperatorToken);
        using var refused = await host.Client.SendAsync(register);
        var text = await refused.Content.ReadAsStringAsync();
        Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, text);
        Assert.Contains(JsonNode.Parse(text)!["errors"]!.AsArray(), e => e!["field"]!.GetValue<string>() == field && e["code"]!.GetValue<string>() == code);

        // The same graduate, with a good row beside the bad one in an import: the bad row is a per-row error, the good one registers, the IIN was never claimed.
        var good = Api.NewIin();
        var header = string.Join(',', row.Keys);
        var csv = header + "\n" + string.Join(',', row.Values) + "\n" + string.Join(',', row.Select(p => p.Key switch { "iin" => good, "email" => $"{good}@graduate.example.kz", _ when p.Key == field => field == "budgetCost" ? "3600000.00" : "2025-06-20", _ => p.Value })) + "\n";
        using var import = new HttpRequestMessage(HttpMethod.Post, "/api/graduates/import") { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };
        import.Headers.Authorization = new AuthenticationHeaderValue("Bearer", api.OperatorToken);
        using var imported = await host.Client.SendAsync(import);
        var summary = JsonNode.Parse(await imported.Content.ReadAsStringAsync())!;
        Assert.True(imported.StatusCode == HttpStatusCode.OK, summary.ToJsonString());
        Assert.Equal(1, summary["created"]!.GetValue<int>());
        Assert.Contains(code, summary.ToJsonString(), StringComparison.Ordinal);
        await api.RegisterAsync(iin: iin);
    }

    /// <summary>A request to the named route with a real caller and real ids, and the text field its body reads.</summary>
    private async Task<(HttpRequestMessage Request, string Field)> TargetAsync(string name)
    {
        var (graduateId, _, token) = await api.RegisterAsync();
        var (n, route, method) = RouteTable.Routes().Single(r => r.Name == name);
        var documentId = RouteTable.Of(n).Access == Access.Graduate && route.Contains("{id}", StringComparison.Ordinal)
            ? await api.SubmitAsync(token, "employment-confirmation", Api.Employment(), Api.Pdf())
            : "d0";
        var request = new HttpRequestMessage(new HttpMethod(method), RouteTable.Concrete(route, graduateId, documentId));
        var bearer = RouteTable.Of(n).Access switch
        {
            Access.Graduate => token,
            Access.Operator => api.OperatorToken,
            Access.Supervisor => api.SupervisorToken,
            _ => null,
        };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        var field = name switch
        {
            "ViewConfirmation" or "DecideConfirmation" => "token",
            "PatchMe" => "email",
            "CreateMyUpload" => "kind",
            "RegisterGraduate" => "fullName",
            "SearchGraduates" => "name",
            "RecordExemption" => "ground",
            "DeclareDefault" => "note",
            "DecideReview" => "decision",
            _ => "note",
        };
        return (request, field);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage template, byte[] body)
    {
        using var request = new HttpRequestMessage(template.Method, template.RequestUri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = template.Headers.Authorization;
        return await host.Client.SendAsync(request);
    }
}
