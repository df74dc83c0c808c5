using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Triggers;

public sealed class IntakeBlobFunction(ValidateDocument validate)
{
    public const string Name = "ValidateUpload";

    /// <summary>In Azure the blob trigger is driven by Event Grid (Flex Consumption supports no other source).</summary>
    [Function(Name)]
    public Task Run(
        [BlobTrigger(StorageNames.IntakeBlobPath, Source = BlobTriggerSource.EventGrid, Connection = StorageNames.Connection)] BlobClient blob,
        string name,
        CancellationToken cancellationToken) =>
        validate.RunAsync(blob, name, cancellationToken);
}
