using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Otrabotka.Functions.Http;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.UseCases;

public sealed record StoredAnswer(int Status, string Body, string? Location);

/// <summary>What a check found: a first answer to replay, a refusal, or nothing (with the ETag of an expired record to replace).</summary>
public sealed record IdempotencyCheck(StoredAnswer? Replay, Problem? Problem, ETag? Expired = null);

/// <summary>
/// Idempotency-Key per subject and route, kept 24 hours in the graduate's partition and written in the
/// same transaction as the change: a retry gets the first answer; the same key with another body → 422.
/// </summary>
public sealed class Idempotency(StorageClients storage, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public static string Hash(params string[] parts) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts))));

    private static string RowKey(string route, string key) => GraduateStore.IdempotencyPrefix + Hash(route, key);

    public async Task<IdempotencyCheck> CheckAsync(string graduateId, string route, string? key, string requestHash, CancellationToken cancellationToken)
    {
        if (key is null)
        {
            return new(null, null);
        }

        if (key.Length is 0 or > 200)
        {
            return new(null, new Problem(400, "idempotency-key-invalid", TextCatalog.Default.Text("problems.idempotency-key-invalid", ("header", "Idempotency-Key"))));
        }

        var found = await storage.Table(StorageNames.GraduatesTable).GetEntityIfExistsAsync<TableEntity>(graduateId, RowKey(route, key), cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value is not { } row)
        {
            return new(null, null);
        }

        if (row.GetDateTimeOffset("CreatedAt") + Lifetime < time.GetUtcNow())
        {
            return new(null, null, row.ETag);
        }

        if (row.GetString("RequestHash") != requestHash)
        {
            return new(null, new Problem(422, "idempotency-key-reused", TextCatalog.Default.Text("problems.idempotency-key-reused", ("header", "Idempotency-Key"))));
        }

        return new(new StoredAnswer(row.GetInt32("Status") ?? 200, row.GetString("Body") ?? "", row.GetString("Location")), null);
    }

    /// <summary>
    /// The record, added in the change's own transaction (or replacing an expired one by its ETag): two
    /// requests racing with the same key cannot both commit; the loser gets 409/412 and replays the winner.
    /// </summary>
    public TableTransactionAction? Record(string graduateId, string route, string? key, string requestHash, StoredAnswer answer, ETag? expired) =>
        key is null ? null : new TableTransactionAction(expired is null ? TableTransactionActionType.Add : TableTransactionActionType.UpdateReplace, new TableEntity(graduateId, RowKey(route, key))
        {
            ["RequestHash"] = requestHash,
            ["Status"] = answer.Status,
            ["Body"] = answer.Body,
            ["Location"] = answer.Location,
            ["CreatedAt"] = time.GetUtcNow(),
        }, expired ?? default);
}
