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
