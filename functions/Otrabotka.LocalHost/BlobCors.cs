using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Otrabotka.LocalHost;

/// <summary>
/// The CORS rule the pages need on the local Azurite: a browser PUTs a large file to the create-only SAS link,
/// and the operators' preview GETs a file through its short-lived read link. Any origin, because tests run hosts on random ports against one Azurite; the SAS
/// link, not the origin, is what grants the write. In Azure the Bicep allows only the site's origin.
/// </summary>
internal static class BlobCors
{
    public static async Task AllowUploadsAsync(BlobServiceClient blobs, CancellationToken cancellationToken)
    {
        var properties = (await blobs.GetPropertiesAsync(cancellationToken)).Value;
        if (properties.Cors.Any(r => r.AllowedOrigins == "*" && r.AllowedMethods.Contains("PUT", StringComparison.Ordinal) && r.AllowedMethods.Contains("GET", StringComparison.Ordinal)))
        {
            return;
        }

        foreach (var older in properties.Cors.Where(r => r.AllowedOrigins == "*").ToList())
        {
            properties.Cors.Remove(older);
        }

        properties.Cors.Add(new BlobCorsRule
        {
            AllowedOrigins = "*",
            AllowedMethods = "GET,PUT,OPTIONS",
            AllowedHeaders = "*",
            ExposedHeaders = "*",
            MaxAgeInSeconds = 3600,
        });
        await blobs.SetPropertiesAsync(properties, cancellationToken);
    }
}
