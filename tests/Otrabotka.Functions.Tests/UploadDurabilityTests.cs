using System.Net;
using System.Text.Json.Nodes;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases;
using Otrabotka.LocalHost;

namespace Otrabotka.Functions.Tests;

/// <summary>Issue 11, H2: no 202 for a document whose file is not stored.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class UploadDurabilityTests(LocalHostFixture host)
{
    private readonly Api api = new(host);

    [Fact]
    public async Task With_blob_writes_failing_neither_the_first_try_nor_a_retry_answers_202_and_the_retry_after_recovery_is_validated()
    {
        var (graduateId, _, token) = await api.RegisterAsync();
        var pdf = Api.Pdf();
        var metadata = Api.Employment();
        var faults = host.Service<BlobFaults>();
        faults.Fail(graduateId);
        try
        {
            using var first = await api.UploadAsync(token, "employment-confirmation", metadata, pdf, "h2-key");
            // Storage unreachable: a 503 problem with Retry-After and a stable code, never the exception's text.
            Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
            Assert.Equal("application/problem+json", first.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(first.Headers.RetryAfter);
            var problem = await first.Content.ReadAsStringAsync();
            Assert.Equal("storage-unavailable", JsonNode.Parse(problem)!["code"]!.GetValue<string>());
            Assert.DoesNotContain("Exception", problem, StringComparison.Ordinal);
            using var retry = await api.UploadAsync(token, "employment-confirmation", metadata, pdf, "h2-key");
            Assert.True((int)retry.StatusCode >= 500, $"retry while storage fails: {(int)retry.StatusCode} {await retry.Content.ReadAsStringAsync()}");
            Assert.Empty((await api.JsonAsync(HttpMethod.Get, "/api/me/documents", token)).AsArray());
        }
        finally
        {
            faults.Heal(graduateId);
        }

        using var recovered = await api.UploadAsync(token, "employment-confirmation", metadata, pdf, "h2-key");
        Assert.Equal(HttpStatusCode.Accepted, recovered.StatusCode);
        var id = JsonNode.Parse(await recovered.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
        Assert.Equal("awaiting-employer", (await api.SettledAsync(token, id))["status"]!.GetValue<string>());
        Assert.Single((await api.JsonAsync(HttpMethod.Get, "/api/me/documents", token)).AsArray());
    }

    [Fact]
    public async Task The_fault_route_arms_and_heals_blob_write_failures()
    {
        var scope = Guid.NewGuid().ToString("N");
        using (var arm = await host.Client.PostAsync("/dev/faults/blob-writes", System.Net.Http.Json.JsonContent.Create(new { scope, failing = true })))
        {
            Assert.Equal(HttpStatusCode.NoContent, arm.StatusCode);
        }

        var blob = host.Storage.Container(StorageNames.IntakeContainer).GetBlobClient($"{scope}/probe");
        var failed = await Assert.ThrowsAsync<Azure.RequestFailedException>(() => blob.UploadAsync(new BinaryData("x"u8.ToArray()), overwrite: true));
        Assert.Equal(503, failed.Status);
        using (var heal = await host.Client.PostAsync("/dev/faults/blob-writes", System.Net.Http.Json.JsonContent.Create(new { scope, failing = false })))
        {
            Assert.Equal(HttpStatusCode.NoContent, heal.StatusCode);
        }

        await blob.UploadAsync(new BinaryData("x"u8.ToArray()), overwrite: true);
        await blob.DeleteAsync();
    }
}

/// <summary>Issue 11, H2: a document left "received" past the bound is failed with a reason and the graduate told.</summary>
[Collection(IsolatedHostCollection.Name)]
public sealed class ReceivedSweepTests(IsolatedHostFixture host)
{
    private readonly Api api = new(host);

    [Fact]
    public async Task A_direct_upload_never_sent_is_rejected_as_not_received_after_the_bound_and_the_graduate_is_told()
    {
        var (_, iin, token) = await api.RegisterAsync();
        var upload = await api.JsonAsync(HttpMethod.Post, "/api/me/documents/uploads", token, new { kind = "employment-confirmation", metadata = System.Text.Json.JsonSerializer.Serialize(Api.Employment()) }, HttpStatusCode.Created);
        var id = upload["id"]!.GetValue<string>();
        var sweep = host.Service<ReceivedSweep>();

        await sweep.RunAsync(CancellationToken.None);
        Assert.Equal("received", (await api.JsonAsync(HttpMethod.Get, $"/api/me/documents/{id}", token))["status"]!.GetValue<string>());

        host.Fake.Advance(TimeSpan.FromMinutes(61));
        var result = await sweep.RunAsync(CancellationToken.None);
        Assert.True(result.Failed >= 1);
        var doc = await api.JsonAsync(HttpMethod.Get, $"/api/me/documents/{id}", token);
        Assert.Equal("rejected", doc["status"]!.GetValue<string>());
        Assert.Equal("file-not-received", doc["reasons"]![0]!["code"]!.GetValue<string>());
        Assert.Equal(ReceivedSweep.Actor, doc["history"]!.AsArray()[^1]!["actor"]!.GetValue<string>());
        Assert.True(await LocalHostFixture.Eventually(
            () => Task.FromResult(host.Mail.Newest($"{iin}@graduate.example.kz").Any(m => m.Text.Contains("Құжаттың файлы келмеді", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(30)), "the graduate was not told");

        var again = await sweep.RunAsync(CancellationToken.None);
        Assert.Equal(0, again.Failed);
    }

    [Fact]
    public async Task A_document_received_with_its_file_in_intake_is_validated_again_after_the_bound()
    {
        var (graduateId, _, token) = await api.RegisterAsync();
        var upload = await api.JsonAsync(HttpMethod.Post, "/api/me/documents/uploads", token, new { kind = "employment-confirmation", metadata = System.Text.Json.JsonSerializer.Serialize(Api.Employment()) }, HttpStatusCode.Created);
        var id = upload["id"]!.GetValue<string>();
        await host.Storage.Container(StorageNames.IntakeContainer).GetBlobClient($"{graduateId}/{id}").UploadAsync(new BinaryData(Api.Pdf()));
        host.Fake.Advance(TimeSpan.FromMinutes(61));
        await host.Service<ReceivedSweep>().RunAsync(CancellationToken.None);
        var doc = await api.SettledAsync(token, id);
        Assert.Equal("awaiting-employer", doc["status"]!.GetValue<string>());
    }
}
