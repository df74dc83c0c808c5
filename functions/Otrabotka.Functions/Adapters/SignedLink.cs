using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Azure.Storage.Sas;

namespace Otrabotka.Functions.Adapters;

public sealed record SignedLink(Uri Url, DateTimeOffset ExpiresAt);
