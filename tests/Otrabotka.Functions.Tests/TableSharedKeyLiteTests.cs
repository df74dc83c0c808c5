using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.Tests;

/// <summary>
/// The app's table client signs with its own Shared Key Lite policy (ADR 0033), against Azurite: every kind of call
/// the app makes is accepted (a point read with awkward keys, a query, a table's ACL through <c>?comp=</c>, the SDK's
/// own transaction, a delete); the stand-in marker never reaches the wire; a wrong key is refused, so the signature is
/// checked; a connection string without a key keeps the SDK's own client.
/// </summary>
public sealed class TableSharedKeyLiteTests
{
    [Fact]
    public async Task Every_kind_of_table_call_is_signed_by_the_apps_policy_and_accepted()
    {
        var wire = new Wire();
        var table = TableSharedKeyLite.Client(LocalHostFixture.StorageConnectionString, new TableClientOptions { Transport = wire }).GetTableClient("sk" + Guid.NewGuid().ToString("N"));
        await table.CreateAsync();
        try
        {
            string[] partitions = ["plain", "it's «Қазақ» | ә ү", "%20 & + = ; , ''"];
            foreach (var partition in partitions)
            {
                await table.AddEntityAsync(new TableEntity(partition, "quote ' and '' Ұлттық") { ["V"] = 1 });
                var read = await table.GetEntityAsync<TableEntity>(partition, "quote ' and '' Ұлттық");
                Assert.Equal(1, read.Value.GetInt32("V"));
                await table.UpsertEntityAsync(new TableEntity(partition, "second") { ["V"] = 2 }, TableUpdateMode.Merge);
                var rows = await table.QueryAsync<TableEntity>(e => e.PartitionKey == partition).ToListAsync();
                Assert.Equal(2, rows.Count);
            }

            await table.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("plain", "t1")), new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("plain", "t2"))]);
            Assert.Equal(4, (await table.QueryAsync<TableEntity>(e => e.PartitionKey == "plain").ToListAsync()).Count);
            await table.GetAccessPoliciesAsync();
            await table.DeleteEntityAsync("plain", "t1");
        }
        finally
        {
            await table.DeleteAsync();
        }

        Assert.NotEmpty(wire.Seen);
        Assert.All(wire.Seen, sent =>
        {
            Assert.DoesNotContain(TableSharedKeyLite.Marker, sent.Uri, StringComparison.Ordinal);
            Assert.StartsWith("SharedKeyLite devstoreaccount1:", sent.Authorization, StringComparison.Ordinal);
        });
        Assert.Contains(wire.Seen, sent => sent.Uri.Contains("comp=acl", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_request_signed_with_another_key_is_refused()
    {
        var wrong = Convert.ToBase64String(new byte[64]);
        var connection = string.Join(';', LocalHostFixture.StorageConnectionString.Split(';')
            .Select(part => part.StartsWith("AccountKey=", StringComparison.OrdinalIgnoreCase) ? "AccountKey=" + wrong : part));
        var table = TableSharedKeyLite.Client(connection, new TableClientOptions { Retry = { MaxRetries = 0 } }).GetTableClient("graduates");
        var refused = await Assert.ThrowsAsync<RequestFailedException>(() => table.GetEntityIfExistsAsync<TableEntity>("p", "r"));
        Assert.Equal(403, refused.Status);
    }

    [Fact]
    public async Task A_connection_string_without_a_key_keeps_the_sdks_own_client()
    {
        Assert.Null(TableSharedKeyLite.AccountKey("UseDevelopmentStorage=true"));
        Assert.Null(TableSharedKeyLite.AccountKey("TableEndpoint=https://a.table.core.windows.net/;SharedAccessSignature=sv=2019-02-02&sig=x"));
        Assert.Null(TableSharedKeyLite.AccountKey("AccountName=a;AccountKey=not base64!"));
        Assert.NotNull(TableSharedKeyLite.AccountKey("AccountName=a;AccountKey=" + Convert.ToBase64String(new byte[] { 1, 2, 3 })));

        var keyed = new TableServiceClient(LocalHostFixture.StorageConnectionString);
        var sas = keyed.GenerateSasUri(Azure.Data.Tables.Sas.TableAccountSasPermissions.Read, Azure.Data.Tables.Sas.TableAccountSasResourceTypes.All, DateTimeOffset.UtcNow.AddMinutes(10));
        var wire = new Wire();
        var client = TableSharedKeyLite.Client($"TableEndpoint={keyed.Uri};SharedAccessSignature={sas.Query.TrimStart('?')}", new TableClientOptions { Transport = wire });
        await client.GetTableClient("graduates").GetEntityIfExistsAsync<TableEntity>("p", "r");
        var sent = Assert.Single(wire.Seen);
        Assert.Equal("", sent.Authorization);
        Assert.Contains("sig=", sent.Uri, StringComparison.Ordinal);
        Assert.DoesNotContain(TableSharedKeyLite.Marker, sent.Uri, StringComparison.Ordinal);
    }

    /// <summary>The transport, recording what goes on the wire (after every policy) and sending it on.</summary>
    private sealed class Wire : HttpPipelineTransport
    {
        private readonly HttpClientTransport inner = new();

        public List<(string Uri, string Authorization)> Seen { get; } = [];

        public override Request CreateRequest() => inner.CreateRequest();

        public override void Process(HttpMessage message)
        {
            Record(message);
            inner.Process(message);
        }

        public override ValueTask ProcessAsync(HttpMessage message)
        {
            Record(message);
            return inner.ProcessAsync(message);
        }

        private void Record(HttpMessage message)
        {
            message.Request.Headers.TryGetValue("Authorization", out var authorization);
            lock (Seen)
            {
                Seen.Add((message.Request.Uri.ToString(), authorization ?? ""));
            }
        }
    }
}
