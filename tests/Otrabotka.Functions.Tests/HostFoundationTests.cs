using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases;
using Microsoft.Extensions.DependencyInjection;
using Otrabotka.LocalHost;

namespace Otrabotka.Functions.Tests;

[Collection(LocalHostCollection.Name)]
public sealed class HostFoundationTests(LocalHostFixture host)
{
    [Fact]
    public async Task Health_answers_200_with_each_storage_service_reachable()
    {
        using var response = await host.Client.GetAsync("/api/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("healthy", body.RootElement.GetProperty("status").GetString());
        foreach (var service in new[] { "blob", "queue", "table" })
        {
            Assert.True(body.RootElement.GetProperty("services").GetProperty(service).GetProperty("reachable").GetBoolean(), service);
        }
    }

    [Fact]
    public async Task A_blob_written_to_the_intake_path_is_processed_by_the_blob_function()
    {
        var api = new Api(host);
        var (_, _, token) = await api.RegisterAsync();
        var upload = await api.JsonAsync(HttpMethod.Post, "/api/me/documents/uploads", token, new { kind = "employment-confirmation", metadata = JsonSerializer.Serialize(Api.Employment()) }, HttpStatusCode.Created);
        var id = upload["id"]!.GetValue<string>();

        // Straight to the blob, through the create-only link; nothing calls /complete: the trigger must find it.
        using var put = new HttpRequestMessage(HttpMethod.Put, upload["uploadUrl"]!.GetValue<string>()) { Content = new ByteArrayContent(Api.Pdf()) };
        put.Headers.Add("x-ms-blob-type", "BlockBlob");
        using var putResponse = await host.Client.SendAsync(put);
        Assert.Equal(HttpStatusCode.Created, putResponse.StatusCode);

        var doc = await api.SettledAsync(token, id);
        Assert.Equal("awaiting-employer", doc["status"]!.GetValue<string>());

        // The polling trigger can miss a blob written in the same second as another (docs/decisions/0004);
        // the intake sweep is the net under it. Either way nothing but the blob's landing started it.
        Assert.Contains(doc["history"]![1]!["actor"]!.GetValue<string>(), new[] { "blob-trigger", "sweep" });
    }

    [Fact]
    public async Task The_intake_sweep_validates_every_file_left_in_intake()
    {
        var api = new Api(host);
        var (graduateId, _, token) = await api.RegisterAsync();
        var upload = await api.JsonAsync(HttpMethod.Post, "/api/me/documents/uploads", token, new { kind = "employment-end", metadata = JsonSerializer.Serialize(new { endDate = "2025-12-31" }) }, HttpStatusCode.Created);
        var id = upload["id"]!.GetValue<string>();
        await host.Storage.Container("intake").GetBlobClient($"{graduateId}/{id}").UploadAsync(new BinaryData(Api.Pdf()));
        await Task.Delay(TimeSpan.FromSeconds(3.5));
        await host.Service<Otrabotka.Functions.UseCases.IntakeSweep>().RunAsync(CancellationToken.None);
        var doc = await api.JsonAsync(HttpMethod.Get, $"/api/me/documents/{id}", token);
        Assert.Equal("rejected", doc["status"]!.GetValue<string>());
        Assert.Equal("no-employment-to-end", doc["reasons"]![0]!["code"]!.GetValue<string>());
        Assert.False(await host.Storage.Container("intake").GetBlobClient($"{graduateId}/{id}").ExistsAsync());
    }

    [Fact]
    public async Task A_queue_message_is_processed_and_its_email_sent_through_SendGrid()
    {
        var graduateId = $"g{Guid.NewGuid():N}";
        var notificationId = Guid.NewGuid().ToString("N");
        var to = $"{notificationId}@example.kz";
        var table = host.Storage.Table(StorageNames.GraduatesTable);
        await table.AddEntityAsync(OutboxRow.Create(graduateId, notificationId, new Adapters.EmailMessage(to, "Сынақ", "мәтін", "<p>мәтін</p>", new Dictionary<string, string>()), DateTimeOffset.UtcNow));

        await host.Storage.Queue(StorageNames.DispatchQueue).SendMessageAsync(JsonSerializer.Serialize(new DispatchRequest(graduateId, notificationId), UseCases.Json.Options));

        var sent = await LocalHostFixture.Eventually(
            async () => (await table.GetEntityAsync<TableEntity>(graduateId, OutboxRow.RowKeyFor(notificationId))).Value.GetString("Status") == OutboxRow.Sent,
            TimeSpan.FromSeconds(30));
        Assert.True(sent, "the outbox row was not marked sent within 30 s");
        var mail = Assert.Single(host.Mail.Newest(to));
        Assert.Equal("Сынақ", mail.Subject);
        Assert.Equal(notificationId, mail.CustomArgs["notificationId"]);
    }

    [Fact]
    public async Task A_message_that_always_fails_lands_in_the_poison_queue_after_5_attempts()
    {
        var marker = $"not-json-{Guid.NewGuid():N}";
        await host.Storage.Queue(StorageNames.DispatchQueue).SendMessageAsync(marker);

        var poison = host.Storage.Queue(StorageNames.DispatchPoisonQueue);
        Azure.Storage.Queues.Models.PeekedMessage? found = null;
        var landed = await LocalHostFixture.Eventually(
            async () =>
            {
                var peeked = await poison.PeekMessagesAsync(32);
                found = peeked.Value.FirstOrDefault(m => m.Body.ToString() == marker);
                return found is not null;
            },
            TimeSpan.FromSeconds(60));

        Assert.True(landed, "the failing message did not reach the poison queue within 60 s");
        // The poison copy is a new message; the attempts it took come from host.json, mapped by the local host.
        var queues = host.App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.Azure.WebJobs.Host.QueuesOptions>>().Value;
        Assert.Equal(5, queues.MaxDequeueCount);
    }

    [Fact]
    public async Task The_timer_function_fires_on_its_schedule()
    {
        var table = host.Storage.Table(StorageNames.ReminderRunsTable);
        var fired = await LocalHostFixture.Eventually(
            async () =>
            {
                await foreach (var run in table.QueryAsync<TableEntity>(e => e.PartitionKey == "run"))
                {
                    if (run.GetString("Trigger")!.StartsWith("timer", StringComparison.Ordinal))
                    {
                        return true;
                    }
                }

                return false;
            },
            TimeSpan.FromSeconds(30));
        Assert.True(fired, "the timer did not fire within 30 s on a once-a-second schedule");
    }

    [Fact]
    public async Task Health_answers_503_within_3_seconds_when_storage_is_down()
    {
        var deadPort = LocalHostFixture.FreePort();
        var down = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:{deadPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{deadPort}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{deadPort}/devstoreaccount1;";
        var isolated = new LocalHostFixture(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = down }, triggers: false);
        await isolated.InitializeAsync();
        try
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            using var response = await isolated.Client.GetAsync("/api/health");
            watch.Stop();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("unhealthy", body.RootElement.GetProperty("status").GetString());
            Assert.False(body.RootElement.GetProperty("services").GetProperty("table").GetProperty("reachable").GetBoolean());
        }
        finally
        {
            await isolated.DisposeAsync();
        }
    }

    [Fact]
    public void The_local_host_declares_every_function_as_functions_metadata_does()
    {
        var metadataPath = FunctionsMetadata.Path();
        var expected = FunctionsMetadata.Read(metadataPath).OrderBy(e => e.Name).ToList();
        var actual = LocalHostApp.Table(host.App).OrderBy(e => e.Name).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }
}
