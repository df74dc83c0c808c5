using Azure.Data.Tables;

namespace Otrabotka.Functions.Storage;

/// <summary>documentId → graduateId, so operators can open any document by its opaque id.</summary>
public static class DocumentIndex
{
    public static string Partition(string documentId) => documentId.Length >= 3 ? documentId[..3] : documentId;

    public static Task AddAsync(StorageClients storage, string graduateId, string documentId, CancellationToken cancellationToken) =>
        storage.Table(StorageNames.DocumentIndexTable).UpsertEntityAsync(new TableEntity(Partition(documentId), documentId) { ["GraduateId"] = graduateId }, TableUpdateMode.Replace, cancellationToken);

    /// <summary>The graduate a document belongs to, or null for an unknown or malformed id.</summary>
    public static async Task<string?> OwnerAsync(StorageClients storage, string documentId, CancellationToken cancellationToken)
    {
        if (!GraduateData.SafeKey(documentId))
        {
            return null;
        }

        var found = await storage.Table(StorageNames.DocumentIndexTable).GetEntityIfExistsAsync<TableEntity>(Partition(documentId), documentId, cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } entry ? entry.GetString("GraduateId") : null;
    }
}
