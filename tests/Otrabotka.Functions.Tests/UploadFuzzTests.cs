using System.Net;
using System.Text.Json.Nodes;
using CsCheck;

namespace Otrabotka.Functions.Tests;

/// <summary>
/// The same generated files through HTTP (multipart upload, inline validation): every answer is 202 and
/// every document is decided (never left "received"), never a 5xx. FUZZ_UPLOADS_COUNT inputs (default 40).
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed class UploadFuzzTests(LocalHostFixture host)
{
    private readonly Api api = new(host);

    private static long Count => long.TryParse(Environment.GetEnvironmentVariable("FUZZ_UPLOADS_COUNT"), out var n) && n > 0 ? n : 40;

    [Fact]
    public async Task Generated_files_uploaded_over_HTTP_are_all_accepted_for_validation_and_decided()
    {
        var files = new List<byte[]>();
        FileInspectionFuzzTests.Inputs.Where(f => f.Length > 0).Sample(files.Add, iter: Count, threads: 1);
        var statuses = new List<HttpStatusCode>();
        var ids = new List<(string Token, string Id)>();
        foreach (var file in files)
        {
            // One graduate per file: the employer-mail limit (issue 11, M3) caps one graduate's uploads a day.
            var (_, _, token) = await api.RegisterAsync();
            using var response = await api.UploadAsync(token, "employment-confirmation", Api.Employment(), file);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                ids.Add((token, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<string>()));
            }
        }

        Assert.DoesNotContain(statuses, s => (int)s >= 500);
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Accepted, s));
        foreach (var (token, id) in ids)
        {
            Assert.NotEqual("received", (await api.SettledAsync(token, id))["status"]!.GetValue<string>());
        }
    }
}
