using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Azure.Storage.Sas;

namespace Otrabotka.Functions.Adapters;

/// <summary>
/// Short-lived links to one blob: create-only for uploads, read-only for reviewers. With a shared key
/// (Azurite) a service SAS; with a managed identity (Azure, shared keys off) a user-delegation SAS.
/// </summary>
public sealed class UploadLinks(TimeProvider time)
{
    public Task<SignedLink> CreateOnlyAsync(BlobClient blob, TimeSpan lifetime, CancellationToken cancellationToken) =>
        SignAsync(blob, BlobSasPermissions.Create, lifetime, cancellationToken);

    public Task<SignedLink> ReadOnlyAsync(BlobClient blob, TimeSpan lifetime, CancellationToken cancellationToken) =>
        SignAsync(blob, BlobSasPermissions.Read, lifetime, cancellationToken);

    private async Task<SignedLink> SignAsync(BlobClient blob, BlobSasPermissions permissions, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var expires = now + lifetime;
        var builder = new BlobSasBuilder(permissions, expires)
        {
            BlobContainerName = blob.BlobContainerName,
            BlobName = blob.Name,
            Resource = "b",
            StartsOn = now.AddMinutes(-5),
            Protocol = blob.Uri.Scheme == Uri.UriSchemeHttps ? SasProtocol.Https : SasProtocol.HttpsAndHttp,
        };
        if (blob.CanGenerateSasUri)
        {
            return new SignedLink(blob.GenerateSasUri(builder), expires);
        }

        var service = blob.GetParentBlobContainerClient().GetParentBlobServiceClient();
        var key = await service.GetUserDelegationKeyAsync(now.AddMinutes(-5), expires, cancellationToken);
        var uri = new BlobUriBuilder(blob.Uri) { Sas = builder.ToSasQueryParameters(key.Value, service.AccountName) };
        return new SignedLink(uri.ToUri(), expires);
    }
}
