using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// First look at a blob that landed in the intake container: its length is checked before anything is
/// read, its type is taken from its content (magic bytes), and its SHA-256 is recorded. The outcome is
/// one row per blob name and ETag, so a second delivery of the same blob event changes nothing.
/// </summary>
public sealed class ScreenUpload(StorageClients storage, TimeProvider time)
{
    public const long MaxBytes = 20L * 1024 * 1024;

    public async Task<TableEntity> RunAsync(BlobClient blob, string name, CancellationToken cancellationToken)
    {
        var table = storage.Table(StorageNames.UploadsTable);
        var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
        var (partition, row) = Keys(name);
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
        if (existing.HasValue && existing.Value is { } seen && seen.GetString("ETag") == properties.ETag.ToString())
        {
            return seen;
        }

        var entity = new TableEntity(partition, row)
        {
            ["BlobName"] = name,
            ["ETag"] = properties.ETag.ToString(),
            ["Length"] = properties.ContentLength,
            ["ScreenedAt"] = time.GetUtcNow(),
        };
        if (properties.ContentLength == 0 || properties.ContentLength > MaxBytes)
        {
            entity["Verdict"] = properties.ContentLength == 0 ? "empty" : "too-large";
        }
        else
        {
            await using var stream = await blob.OpenReadAsync(cancellationToken: cancellationToken);
            var header = new byte[8];
            var read = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
            stream.Position = 0;
            var hash = await SHA256.HashDataAsync(stream, cancellationToken);
            entity["DetectedType"] = Sniff(header.AsSpan(0, read));
            entity["Sha256"] = Convert.ToHexStringLower(hash);
            entity["Verdict"] = "screened";
        }

        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        return entity;
    }

    /// <summary>Table keys may not contain '/', so a blob path becomes partition = first segment, row = the rest.</summary>
    public static (string Partition, string Row) Keys(string blobName)
    {
        var slash = blobName.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? ("-", blobName) : (blobName[..slash], blobName[(slash + 1)..].Replace('/', '|'));
    }

    public static string Sniff(ReadOnlySpan<byte> header) => header switch
    {
        [0x25, 0x50, 0x44, 0x46, 0x2D, ..] => "pdf",
        [0xFF, 0xD8, 0xFF, ..] => "jpeg",
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => "png",
        _ => "unknown",
    };
}
