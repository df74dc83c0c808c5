using System.Net;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using Otrabotka.Functions.Storage;
using static Otrabotka.Functions.Tests.FeedApi;

namespace Otrabotka.Functions.Tests;

/// <summary>Feed and registry files as they come: the wrong shape refused whole, bad and hostile rows reported with their lines, dropped files picked up.</summary>
[Collection(FeedHostCollection.Name)]
public sealed class FeedFileTests(FeedHostFixture host)
{
    private readonly FeedApi feed = new(host);

    private Api Api => feed.Api;

    [Fact]
    public async Task A_file_of_the_wrong_shape_is_refused_whole_with_the_missing_columns()
    {
        var (status, body, location) = await feed.UploadAsync("iin,employerBin,month\n123,456,2025-01\n");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Null(location);
        Assert.Equal("import-file-columns", body["code"]!.GetValue<string>());
        Assert.Equal(["employerName", "employerAddress", "katoCode", "contributionPaid"], body["errors"]!.AsArray().Select(e => e!["field"]!.GetValue<string>()));

        var (huge, hugeBody, _) = await feed.UploadAsync(new string('a', 200_000) + "\n");
        Assert.Equal(HttpStatusCode.BadRequest, huge);
        Assert.Equal("import-header-too-long", hugeBody["code"]!.GetValue<string>());

        var (empty, emptyBody, _) = await feed.UploadAsync("");
        Assert.Equal(HttpStatusCode.BadRequest, empty);
        Assert.Equal("import-file-empty", emptyBody["code"]!.GetValue<string>());

        var (json, _, _) = await feed.UploadAsync("[]", mediaType: "application/json");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json);
    }

    [Fact]
    public async Task Bad_and_hostile_rows_are_reported_with_their_lines_and_never_stop_the_rest()
    {
        var (graduateId, iin, _) = await Api.RegisterAsync();
        var bin = Api.ValidBin();
        await feed.PutEmployerAsync(bin);
        var status = await feed.ImportAsync(File(
        [
            Row(iin, bin, "2025-09"),                                  // line 2: good
            Row("=1+1", bin, "2025-09"),                               // line 3: a formula for an IIN
            Row(iin, Api.BadBin(bin), "2025-09"),                      // line 4: wrong BIN check digit
            Row(iin, bin, "2025-13"),                                  // line 5: no such month
            $"{iin},{bin},\"=HYPERLINK(\"\"http://x\"\")\",addr,,2025-10,yes", // line 6: a formula name, a bad flag
            $"{iin},{bin},\"{new string('x', 300_000)}\",addr,,2025-11,true",     // line 7: a huge line (the name is only text)
            $"{iin},{bin},\"open quote,addr,,2025-12,true",            // line 8: a quote left open
            Row(Api.NewIin(), bin, "2025-09"),                         // line 9: a graduate nobody registered
            Row(iin, bin, "2025-10"),                                  // line 10: good
        ]));
        var errors = status["errors"]!.AsArray().Select(e => (e!["line"]!.GetValue<int>(), e["code"]!.GetValue<string>())).ToList();
        Assert.Contains((3, "iin-format"), errors);
        Assert.Contains((4, "bin-checksum"), errors);
        Assert.Contains((5, "feed-month-format"), errors);
        Assert.Contains((6, "feed-contribution-format"), errors);
        Assert.Contains((8, "import-row-quote"), errors);
        Assert.Contains((9, "feed-graduate-unknown"), errors);
        Assert.DoesNotContain(errors, e => e.Item1 is 2 or 7 or 10);
        Assert.Equal(9, Int(status, "rowsRead"));
        Assert.Equal(3, Int(status, "applied"));
        var period = Assert.Single((await feed.ObligationAsync(graduateId))["periods"]!.AsArray())!;
        Assert.Equal(["2025-09", "2025-10", "2025-11"], period["months"]!.AsArray().Select(m => m!.GetValue<string>()));
    }

    [Fact]
    public async Task A_file_dropped_into_the_feeds_container_is_imported_by_the_blob_trigger_and_a_wrong_one_refused()
    {
        var (graduateId, iin, _) = await Api.RegisterAsync();
        var bin = Api.ValidBin();
        await feed.PutEmployerAsync(bin);
        var container = host.Storage.Container(StorageNames.FeedsContainer);
        var name = $"ministry/{Guid.NewGuid():N}.csv";
        await container.GetBlobClient(name).UploadAsync(new BinaryData(Encoding.UTF8.GetBytes(File([Row(iin, bin, "2025-09")]))));
        var job = await JobOfAsync(name);
        var status = await feed.DoneAsync($"/api/feed/imports/{job}");
        Assert.Equal(1, Int(status, "applied"));
        Assert.Single((await feed.ObligationAsync(graduateId))["periods"]!.AsArray());

        var wrong = $"ministry/{Guid.NewGuid():N}.csv";
        await container.GetBlobClient(wrong).UploadAsync(new BinaryData(Encoding.UTF8.GetBytes("name,amount\nx,1\n")));
        var refused = await feed.DoneAsync($"/api/feed/imports/{await JobOfAsync(wrong)}");
        Assert.Equal("refused", refused["state"]!.GetValue<string>());
        Assert.Equal("import-file-columns", refused["refusal"]!.GetValue<string>());
        Assert.Contains("iin", refused["missingColumns"]!.AsArray().Select(c => c!.GetValue<string>()));
    }

    [Fact]
    public async Task The_registry_imports_from_CSV_and_JSON_refuses_a_wrong_check_digit_per_row_and_a_reimport_changes_nothing()
    {
        var good = Api.ValidBin();
        var other = Api.ValidBin();
        var csv = "bin,name,organisationKinds,ownership,region,settlementType,katoCode,emailDomains,source,asOf\n"
            + $"{good},\"КГУ «Школа № 1», село Акколь\",education,state,akmola,village,111030100,school1-akkol.edu.kz,МТСЗН РК,2025-01-15\n"
            + $"{Api.BadBin(other)},\"АО «Банк»\",other,private,almaty-city,city,,bank.kz,МТСЗН РК,2025-01-15\n"
            + $"{other},\"АО «Банк»\",other,private,almaty-city,city,,bank.kz;primer.kz,МТСЗН РК,2025-01-15\n";
        var first = await feed.ImportAsync(csv, "/api/employer-registry/imports");
        Assert.Equal((3, 2, 1), (Int(first, "rowsRead"), Int(first, "applied"), Int(first, "errorCount")));
        Assert.Equal((3, "bin-checksum"), (first["errors"]![0]!["line"]!.GetValue<int>(), first["errors"]![0]!["code"]!.GetValue<string>()));
        var entry = await Api.JsonAsync(HttpMethod.Get, $"/api/employer-registry/{good}", Api.OperatorToken);
        Assert.Equal("village", entry["settlementType"]!.GetValue<string>());
        Assert.Equal(["school1-akkol.edu.kz"], entry["emailDomains"]!.AsArray().Select(d => d!.GetValue<string>()));

        var again = await feed.ImportAsync(csv, "/api/employer-registry/imports");
        Assert.Equal((0, 2), (Int(again, "applied"), Int(again, "unchanged")));

        var third = Api.ValidBin();
        var json = $$"""[{"bin":"{{third}}","name":"ТОО «Жаңа»","organisationKinds":["other"],"ownership":"private","region":"astana","settlementType":"city","emailDomains":[],"source":"МТСЗН РК","asOf":"2026-01-01"},{"bin":"{{Api.BadBin(third)}}","name":"x","organisationKinds":["other"],"ownership":"private","region":"astana","settlementType":"city","source":"s","asOf":"2026-01-01"}]""";
        var fromJson = await feed.ImportAsync(json, "/api/employer-registry/imports/json", "application/json");
        Assert.Equal((1, 1), (Int(fromJson, "applied"), Int(fromJson, "errorCount")));
        Assert.Equal(2, fromJson["errors"]![0]!["line"]!.GetValue<int>());
        Assert.Equal("ТОО «Жаңа»", (await Api.JsonAsync(HttpMethod.Get, $"/api/employer-registry/{third}", Api.OperatorToken))["name"]!.GetValue<string>());

        var (notJson, _, _) = await feed.UploadAsync("{\"bin\":1}", "/api/employer-registry/imports/json", "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, notJson);
        using var badBin = await Api.SendAsync(HttpMethod.Get, $"/api/employer-registry/{Api.BadBin(good)}", Api.OperatorToken);
        Assert.Equal(HttpStatusCode.BadRequest, badBin.StatusCode);
        using var unknown = await Api.SendAsync(HttpMethod.Get, $"/api/employer-registry/{Api.ValidBin()}", Api.OperatorToken);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var graduate = await Api.SendAsync(HttpMethod.Get, $"/api/employer-registry/{good}", host.Token("graduate", Api.NewIin()));
        Assert.Equal(HttpStatusCode.Forbidden, graduate.StatusCode);
    }

    private async Task<string> JobOfAsync(string blobName)
    {
        string? id = null;
        var jobs = host.Storage.Table(StorageNames.FeedJobsTable);
        Assert.True(await LocalHostFixture.Eventually(async () =>
        {
            await foreach (var job in jobs.QueryAsync<TableEntity>($"RowKey eq 'job' and Blob eq '{blobName}'"))
            {
                id = job.PartitionKey;
            }

            return id is not null;
        }, TimeSpan.FromSeconds(30)), $"no import for {blobName}");
        return id!;
    }
}
