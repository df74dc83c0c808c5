using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// Where storage is and how to reach it, read the way the Functions host reads it: either
/// <c>AzureWebJobsStorage</c> is a connection string (local, Azurite) or the identity-based form
/// <c>AzureWebJobsStorage__blobServiceUri</c>, <c>__queueServiceUri</c>, <c>__tableServiceUri</c>,
/// <c>__credential</c>, <c>__clientId</c> (Azure, managed identity).
/// </summary>
public sealed record StorageConnection(string? ConnectionString, Uri? BlobUri, Uri? QueueUri, Uri? TableUri, string? ClientId)
{
    public static StorageConnection From(IConfiguration configuration)
    {
        var value = configuration[StorageNames.Connection];
        if (!string.IsNullOrWhiteSpace(value))
        {
            return new StorageConnection(value, null, null, null, null);
        }

        var section = configuration.GetSection(StorageNames.Connection);
        Uri? Read(string key) => section[key] is { Length: > 0 } s ? new Uri(s) : null;
        var connection = new StorageConnection(null, Read("blobServiceUri"), Read("queueServiceUri"), Read("tableServiceUri"), section["clientId"]);
        if (connection.BlobUri is null || connection.QueueUri is null || connection.TableUri is null)
        {
            throw new InvalidOperationException(
                "Setting 'AzureWebJobsStorage' is missing: give a connection string, or AzureWebJobsStorage__blobServiceUri, __queueServiceUri and __tableServiceUri.");
        }

        return connection;
    }

    public bool UsesConnectionString => ConnectionString is not null;

    public TokenCredential Credential() =>
        ClientId is { Length: > 0 } id ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(id)) : new DefaultAzureCredential();
}

/// <summary>The three storage service clients. Queue messages are Base64, as queue triggers expect.</summary>
public sealed class StorageClients
{
    /// <param name="blobPolicy">A pipeline policy for blob requests (the local host's fault injection for tests; never set in Azure).</param>
    /// <param name="callPolicy">A pipeline policy on every blob, queue and table request (the benchmarks' call counter; never set in Azure).</param>
    public StorageClients(StorageConnection connection, bool probe = false, HttpPipelinePolicy? blobPolicy = null, HttpPipelinePolicy? callPolicy = null)
    {
        var blobOptions = new BlobClientOptions();
        if (blobPolicy is not null)
        {
            blobOptions.AddPolicy(blobPolicy, HttpPipelinePosition.PerCall);
        }

        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        var tableOptions = new TableClientOptions();
        if (callPolicy is not null)
        {
            foreach (var options in new Azure.Core.ClientOptions[] { blobOptions, queueOptions, tableOptions })
            {
                options.AddPolicy(callPolicy, HttpPipelinePosition.PerCall);
            }
        }
        if (probe)
        {
            // A health probe must answer quickly: no retries, short network timeout.
            foreach (var options in new Azure.Core.ClientOptions[] { blobOptions, queueOptions, tableOptions })
            {
                options.Retry.MaxRetries = 0;
                options.Retry.NetworkTimeout = TimeSpan.FromSeconds(2);
            }
        }

        if (connection.UsesConnectionString)
        {
            Blobs = new BlobServiceClient(connection.ConnectionString, blobOptions);
            Queues = new QueueServiceClient(connection.ConnectionString, queueOptions);
            Tables = new TableServiceClient(connection.ConnectionString, tableOptions);
        }
        else
        {
            var credential = connection.Credential();
            Blobs = new BlobServiceClient(connection.BlobUri, credential, blobOptions);
            Queues = new QueueServiceClient(connection.QueueUri, credential, queueOptions);
            Tables = new TableServiceClient(connection.TableUri, credential, tableOptions);
        }
    }

    public BlobServiceClient Blobs { get; }
    public QueueServiceClient Queues { get; }
    public TableServiceClient Tables { get; }

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
