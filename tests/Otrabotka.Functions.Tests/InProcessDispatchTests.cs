using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Otrabotka.Functions.Configuration;
using Otrabotka.Functions.Notifications;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Tests;

/// <summary>
/// ADR 0031: a commit's dispatch runs in the process that committed it, and whatever that process cannot run goes to
/// the dispatch queue — a dispatch that throws, and the messages it holds when it stops — so no e-mail is lost and none
/// is sent twice. ADR 0032: a new document's id carries its graduate's, and an id that only looks like one finds nothing.
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed class InProcessDispatchTests(LocalHostFixture host)
{
    private readonly Api api = new(host);

    [Fact]
    public async Task A_dispatch_that_throws_in_process_goes_to_the_queue_and_its_retries_up_to_the_poison_queue()
    {
        var marker = $"not-json-{Guid.NewGuid():N}";

        Assert.True(host.Service<DispatchChannel>().TryHand(marker));

        var poison = host.Storage.Queue(StorageNames.DispatchPoisonQueue);
        var landed = await LocalHostFixture.Eventually(
            async () => (await poison.PeekMessagesAsync(32)).Value.Any(m => m.Body.ToString() == marker),
            TimeSpan.FromSeconds(90));
        Assert.True(landed, "the message a failed in-process dispatch gave back did not go through the queue's retries to the poison queue");
    }

    [Fact]
    public async Task Workers_that_stop_hand_every_message_they_took_to_the_queue_and_take_no_more()
    {
        var graduateId = $"g{Guid.NewGuid():N}";
        var table = host.Storage.Table(StorageNames.GraduatesTable);
        var ids = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid().ToString("N")).ToList();
        foreach (var id in ids)
        {
            await table.AddEntityAsync(OutboxRow.Create(graduateId, id, new Adapters.EmailMessage($"{id}@example.kz", "Сынақ", "мәтін", "<p>мәтін</p>", new Dictionary<string, string>()), DateTimeOffset.UtcNow));
        }

        // Workers of their own, stopped at once: the messages not begun go to the queue (which the host serves), the one
        // begun finishes — nothing is cancelled between an e-mail's send and its record.
        var channel = new DispatchChannel();
        var workers = new DispatchWorkers(channel, host.Service<DispatchNotification>(), host.Storage, Options.Create(new NotificationSettings { DispatchWorkers = 1 }), NullLogger<DispatchWorkers>.Instance);
        await workers.StartAsync(CancellationToken.None);
        foreach (var id in ids)
        {
            Assert.True(channel.TryHand(JsonSerializer.Serialize(new DispatchRequest(graduateId, id), UseCases.Json.Options)));
        }

        await workers.StopAsync(CancellationToken.None);
        Assert.False(channel.TryHand("after-stop"));

        var sent = await LocalHostFixture.Eventually(
            async () =>
            {
                var statuses = new List<string?>();
                await foreach (var row in table.QueryAsync<TableEntity>($"PartitionKey eq '{graduateId}'"))
                {
                    statuses.Add(row.GetString("Status"));
                }

                return statuses.Count == ids.Count && statuses.All(status => status == OutboxRow.Sent);
            },
            TimeSpan.FromSeconds(60));
        Assert.True(sent, "not every row handed to the stopped workers was sent");
        foreach (var id in ids)
        {
            Assert.Single(host.Mail.Newest($"{id}@example.kz"));
        }
    }

    [Fact]
    public async Task Without_workers_the_channel_takes_nothing_so_every_message_goes_to_the_queue()
    {
        var channel = new DispatchChannel();
        var workers = new DispatchWorkers(channel, host.Service<DispatchNotification>(), host.Storage, Options.Create(new NotificationSettings { DispatchWorkers = 0 }), NullLogger<DispatchWorkers>.Instance);
        await workers.StartAsync(CancellationToken.None);

        Assert.False(channel.TryHand("{}"));
        await workers.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_new_document_id_carries_its_graduate_and_needs_no_index_row_while_a_look_alike_id_finds_nothing()
    {
        var (graduateId, _, token) = await api.RegisterAsync();
        var id = await api.SubmitAsync(token, "employment-confirmation", Api.Employment(), Api.Pdf());

        Assert.Equal(49, id.Length);
        Assert.StartsWith("d" + graduateId[1..], id, StringComparison.Ordinal);
        Assert.True(DocumentIndex.CarriesOwner(id));
        var indexRow = await host.Storage.Table(StorageNames.DocumentIndexTable).GetEntityIfExistsAsync<TableEntity>(DocumentIndex.Partition(id), id);
        Assert.False(indexRow.HasValue);
        Assert.Equal(graduateId, await DocumentIndex.OwnerAsync(host.Storage, id, CancellationToken.None));

        // The operators' review opens it by id alone.
        var view = await api.JsonAsync(HttpMethod.Get, $"/api/review/documents/{id}", api.OperatorToken);
        Assert.Equal(id, view["id"]!.GetValue<string>());

        // Same graduate, another suffix; and a graduate that does not exist: both 404, as any unknown id.
        foreach (var lookAlike in new[] { id[..^4] + "0000", "d" + Guid.NewGuid().ToString("N") + id[^16..] })
        {
            using var missing = await api.SendAsync(HttpMethod.Get, $"/api/review/documents/{lookAlike}", api.OperatorToken);
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            using var decision = await api.SendAsync(HttpMethod.Post, $"/api/review/documents/{lookAlike}/decision", api.OperatorToken, new { decision = "approve" });
            Assert.Equal(HttpStatusCode.NotFound, decision.StatusCode);
        }
    }

    [Fact]
    public void A_graduate_id_of_another_form_gets_a_plain_document_id_that_the_index_answers_for()
    {
        var id = DocumentIndex.NewId("g-imported-7");

        Assert.Equal(33, id.Length);
        Assert.False(DocumentIndex.CarriesOwner(id));
        Assert.False(DocumentIndex.CarriesOwner("d" + new string('A', 48)));
        Assert.True(DocumentIndex.CarriesOwner(DocumentIndex.NewId("g" + Guid.NewGuid().ToString("N"))));
    }
}
