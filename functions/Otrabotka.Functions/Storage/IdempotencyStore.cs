using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// Idempotency-Key records per subject and route, kept 24 hours in the graduate's partition (RowKey idem|…)
/// and written in the same transaction as the change: two requests racing with the same key cannot both commit.
/// </summary>
public sealed class IdempotencyStore(StorageClients storage, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public static string Hash(params string[] parts) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts))));

    public async Task<IdempotencyCheck> CheckAsync(string graduateId, string route, string key, string requestHash, CancellationToken cancellationToken)
    {
        var found = await storage.Table(StorageNames.GraduatesTable).GetEntityIfExistsAsync<TableEntity>(graduateId, RowKey(route, key), cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value is not { } row)
        {
            return new(null, false);
        }

        if (row.GetDateTimeOffset("CreatedAt") + Lifetime < time.GetUtcNow())
        {
            return new(null, false, row.ETag);
        }

        return row.GetString("RequestHash") != requestHash
            ? new(null, true)
            : new(new StoredAnswer(row.GetString("Outcome") ?? "ok", row.GetString("Body") ?? "", row.GetString("Location")), false);
    }

    public static TableTransactionAction Action(string graduateId, IdempotencyRecord record) =>
        new(record.Expired is null ? TableTransactionActionType.Add : TableTransactionActionType.UpdateReplace, new TableEntity(graduateId, RowKey(record.Route, record.Key))
        {
            ["RequestHash"] = record.RequestHash,
            ["Outcome"] = record.Answer.Outcome,
            ["Body"] = record.Answer.Body,
            ["Location"] = record.Answer.Location,
            ["CreatedAt"] = record.CreatedAt,
        }, record.Expired ?? default);

    private static string RowKey(string route, string key) => GraduateStore.IdempotencyPrefix + Hash(route, key);
}
