using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace Otrabotka.Functions.Storage;

/// <summary>The three storage service clients. Queue messages are Base64, as queue triggers expect.</summary>
public sealed class StorageClients
{
    /// <param name="blobPolicy">A pipeline policy for blob requests (the local host's fault injection for tests; never set in Azure).</param>
    public StorageClients(StorageConnection connection, bool probe = false, HttpPipelinePolicy? blobPolicy = null, StorageCallCounter? counter = null)
    {
        var blobOptions = new BlobClientOptions();
        if (blobPolicy is not null)
        {
            blobOptions.AddPolicy(blobPolicy, HttpPipelinePosition.PerCall);
        }

        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        var tableOptions = new TableClientOptions();
        Counter = counter ?? new StorageCallCounter();
        foreach (var options in new Azure.Core.ClientOptions[] { blobOptions, queueOptions, tableOptions })
        {
            options.AddPolicy(Counter, HttpPipelinePosition.PerRetry);
        }

        if (probe)
        {
            // A health probe must answer quickly: no retries; a call may take up to the probe's deadline (a busy emulator is slow, not down).
            foreach (var options in new Azure.Core.ClientOptions[] { blobOptions, queueOptions, tableOptions })
            {
                options.Retry.MaxRetries = 0;
                options.Retry.NetworkTimeout = UseCases.CheckHealth.Deadline;
            }
        }

        if (connection.UsesConnectionString)
        {
            Blobs = new BlobServiceClient(connection.ConnectionString, blobOptions);
            Queues = new QueueServiceClient(connection.ConnectionString, queueOptions);
            Tables = TableSharedKeyLite.Client(connection.ConnectionString!, tableOptions);
            // The account as the connection string names it (the client's own name is guessed from its URI).
            var named = new TableServiceClient(connection.ConnectionString);
            Transactions = TableTransactions.ForConnectionString(connection.ConnectionString!, named.Uri, named.AccountName, tableOptions);
        }
        else
        {
            var credential = connection.Credential();
            Blobs = new BlobServiceClient(connection.BlobUri, credential, blobOptions);
            Queues = new QueueServiceClient(connection.QueueUri, credential, queueOptions);
            Tables = new TableServiceClient(connection.TableUri, credential, tableOptions);
            Transactions = TableTransactions.ForCredential(credential, connection.TableUri!, tableOptions);
        }
    }

    /// <summary>Every round trip these clients make (issue 12 pins the count of one upload with it).</summary>
    public StorageCallCounter Counter { get; }

    public BlobServiceClient Blobs { get; }
    public QueueServiceClient Queues { get; }
    public TableServiceClient Tables { get; }

    /// <summary>Entity group transactions with the same options as <see cref="Tables"/> (ADR 0029).</summary>
    public TableTransactions Transactions { get; }

    public BlobContainerClient Container(string name) => Blobs.GetBlobContainerClient(name);
    public QueueClient Queue(string name) => Queues.GetQueueClient(name);
    public TableClient Table(string name) => Tables.GetTableClient(name);

    /// <summary>Creates every container, queue and table the app uses; safe to call again.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        foreach (var name in StorageNames.Containers)
        {
            await Container(name).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }

        foreach (var name in StorageNames.Queues)
        {
            await Queue(name).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }

        foreach (var name in StorageNames.Tables)
        {
            await Table(name).CreateIfNotExistsAsync(cancellationToken);
        }
    }
}
