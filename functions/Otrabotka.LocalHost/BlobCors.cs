using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Otrabotka.LocalHost;

/// <summary>
/// The CORS rule the pages' direct uploads need on the local Azurite: a browser PUTs the file to the
/// create-only SAS link. Any origin, because tests run hosts on random ports against one Azurite; the SAS
/// link, not the origin, is what grants the write. In Azure the Bicep allows only the site's origin.
/// </summary>
internal static class BlobCors
{
    public static async Task AllowUploadsAsync(BlobServiceClient blobs, CancellationToken cancellationToken)
    {
        var properties = (await blobs.GetPropertiesAsync(cancellationToken)).Value;
        if (properties.Cors.Any(r => r.AllowedOrigins == "*" && r.AllowedMethods.Contains("PUT", StringComparison.Ordinal)))
        {
            return;
        }

        properties.Cors.Add(new BlobCorsRule
        {
            AllowedOrigins = "*",
            AllowedMethods = "PUT,OPTIONS",
            AllowedHeaders = "*",
            ExposedHeaders = "*",
            MaxAgeInSeconds = 3600,
        });
        await blobs.SetPropertiesAsync(properties, cancellationToken);
    }
}
