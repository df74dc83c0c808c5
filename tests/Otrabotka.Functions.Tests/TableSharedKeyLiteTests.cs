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
/// checked; a retried request is signed again with a fresh date; a query whose values hold the marker's text (where
/// the SDK does not append the marker) is signed all the same; a connection string without a key keeps the SDK's own
/// client.
/// </summary>
public sealed class TableSharedKeyLiteTests
{
    [Fact]
    public async Task Every_kind_of_table_call_is_signed_by_the_apps_policy_and_accepted()
    {
        var wire = new Wire();
        var before = new BeforeSigning();
        var options = new TableClientOptions { Transport = wire };
        options.AddPolicy(before, HttpPipelinePosition.PerRetry);
        var table = TableSharedKeyLite.Client(LocalHostFixture.StorageConnectionString, options).GetTableClient("sk" + Guid.NewGuid().ToString("N"));
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
        // The app's path, not the SDK's signing: every request carried the marker until the policy took it off.
        Assert.Equal(wire.Seen.Count, before.Seen.Count);
        Assert.All(before.Seen, query => Assert.Contains(TableSharedKeyLite.Marker, query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_query_whose_values_hold_the_markers_text_is_signed_all_the_same()
    {
        var wire = new Wire();
        var table = TableSharedKeyLite.Client(LocalHostFixture.StorageConnectionString, new TableClientOptions { Transport = wire }).GetTableClient("graduates");
        await table.CreateIfNotExistsAsync();
        var rows = await table.QueryAsync<TableEntity>($"PartitionKey eq '{TableSharedKeyLite.Marker}' and RowKey eq 'x {TableSharedKeyLite.Marker}'").ToListAsync();
        Assert.Empty(rows);
        var pages = table.QueryAsync<TableEntity>("PartitionKey eq 'none'").AsPages(continuationToken: $"{TableSharedKeyLite.Marker} {TableSharedKeyLite.Marker}");
        await foreach (var _ in pages)
        {
        }

        Assert.All(wire.Seen, sent => Assert.StartsWith("SharedKeyLite devstoreaccount1:", sent.Authorization, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_retried_request_is_signed_again_with_a_fresh_date_and_no_marker()
    {
        var wire = new Wire { FailFirst = true };
        var options = new TableClientOptions { Transport = wire, Retry = { Delay = TimeSpan.FromSeconds(2), MaxRetries = 2, Mode = RetryMode.Fixed } };
        var table = TableSharedKeyLite.Client(LocalHostFixture.StorageConnectionString, options).GetTableClient("graduates");
        await table.GetEntityIfExistsAsync<TableEntity>("p", "r");
        Assert.Equal(2, wire.Seen.Count);
        Assert.All(wire.Seen, sent =>
        {
            Assert.DoesNotContain(TableSharedKeyLite.Marker, sent.Uri, StringComparison.Ordinal);
            Assert.StartsWith("SharedKeyLite devstoreaccount1:", sent.Authorization, StringComparison.Ordinal);
        });
        Assert.NotEqual(wire.Seen[0].Date, wire.Seen[1].Date);
        Assert.NotEqual(wire.Seen[0].Authorization, wire.Seen[1].Authorization);
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

    /// <summary>The transport, recording what goes on the wire (after every policy) and sending it on; it may fail the first try as a dropped connection would.</summary>
    private sealed class Wire : HttpPipelineTransport
    {
        private readonly HttpClientTransport inner = new();

        public List<(string Uri, string Authorization, string Date)> Seen { get; } = [];

        public bool FailFirst { get; init; }

        public override Request CreateRequest() => inner.CreateRequest();

        public override void Process(HttpMessage message)
        {
            if (Record(message))
            {
                throw new IOException("The first try is dropped.");
            }

            inner.Process(message);
        }

        public override ValueTask ProcessAsync(HttpMessage message)
        {
            if (Record(message))
            {
                throw new IOException("The first try is dropped.");
            }

            return inner.ProcessAsync(message);
        }

        private bool Record(HttpMessage message)
        {
            message.Request.Headers.TryGetValue("Authorization", out var authorization);
            message.Request.Headers.TryGetValue("x-ms-date", out var date);
            lock (Seen)
            {
                Seen.Add((message.Request.Uri.ToString(), authorization ?? "", date ?? ""));
                return FailFirst && Seen.Count == 1;
            }
        }
    }

    /// <summary>The query of each try as the SDK's policies leave it, before the app's signing policy (last before the transport).</summary>
    private sealed class BeforeSigning : HttpPipelineSynchronousPolicy
    {
        public List<string> Seen { get; } = [];

        public override void OnSendingRequest(HttpMessage message)
        {
            lock (Seen)
            {
                Seen.Add(message.Request.Uri.Query);
            }
        }
    }
}
