using Azure.Data.Tables;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// documentId → graduateId, so operators can open any document by its opaque id. A document id drawn since ADR 0032
/// carries its graduate's id ("d" + the graduate id's 32 hex digits + 16 random ones), so its owner is read off the id
/// and no index row is written for it; the index answers for older ids and for graduates whose id is of another form.
/// An owner read off an id is only a place to look: every caller finds the document in that graduate's partition.
/// </summary>
public static class DocumentIndex
{
    private const int GraduateDigits = 32;
    private const int OwnIdLength = 1 + GraduateDigits + 16;

    public static string Partition(string documentId) => documentId.Length >= 3 ? documentId[..3] : documentId;

    /// <summary>A new document's id: carrying its graduate's when that is "g" + 32 lowercase hex digits, else a plain one.</summary>
    public static string NewId(string graduateId) =>
        graduateId.Length == 1 + GraduateDigits && graduateId[0] == 'g' && IsHex(graduateId.AsSpan(1))
            ? string.Concat("d", graduateId.AsSpan(1), Guid.NewGuid().ToString("N").AsSpan(0, OwnIdLength - 1 - GraduateDigits))
            : GraduateStore.NewId('d');

    /// <summary>Whether the document's owner is in its id (no index row needed).</summary>
    public static bool CarriesOwner(string documentId) =>
        documentId.Length == OwnIdLength && documentId[0] == 'd' && IsHex(documentId.AsSpan(1));

    public static Task AddAsync(StorageClients storage, string graduateId, string documentId, CancellationToken cancellationToken) =>
        storage.Table(StorageNames.DocumentIndexTable).UpsertEntityAsync(new TableEntity(Partition(documentId), documentId) { ["GraduateId"] = graduateId }, TableUpdateMode.Replace, cancellationToken);

    /// <summary>The graduate a document belongs to (read off the id, or from the index), or null for an unknown or malformed id.</summary>
    public static async Task<string?> OwnerAsync(StorageClients storage, string documentId, CancellationToken cancellationToken)
    {
        if (!GraduateData.SafeKey(documentId))
        {
            return null;
        }

        if (CarriesOwner(documentId))
        {
            return string.Concat("g", documentId.AsSpan(1, GraduateDigits));
        }

        var found = await storage.Table(StorageNames.DocumentIndexTable).GetEntityIfExistsAsync<TableEntity>(Partition(documentId), documentId, cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } entry ? entry.GetString("GraduateId") : null;
    }

    private static bool IsHex(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
