using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Otrabotka.Domain;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

public sealed record StoredAnswer(Success Kind, string Body, string? Location);

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
            return new(null, new Problem(Refusal.Invalid, "idempotency-key-invalid", new("Idempotency-Key 1–200 таңбадан тұруы керек.", "Idempotency-Key должен содержать от 1 до 200 символов.", "Idempotency-Key must be 1–200 characters.")));
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
            return new(null, new Problem(Refusal.Unprocessable, "idempotency-key-reused", new("Бұл Idempotency-Key басқа сұрауға қолданылған.", "Этот Idempotency-Key уже использован для другого запроса.", "This Idempotency-Key was used for a different request.")));
        }

        return new(new StoredAnswer(Wire.TryParse<Success>(row.GetString("Outcome"), out var kind) ? kind : Success.Ok, row.GetString("Body") ?? "", row.GetString("Location")), null);
    }

    /// <summary>
    /// The record, added in the change's own transaction (or replacing an expired one by its ETag): two
    /// requests racing with the same key cannot both commit; the loser gets 409/412 and replays the winner.
    /// </summary>
    public TableTransactionAction? Record(string graduateId, string route, string? key, string requestHash, StoredAnswer answer, ETag? expired) =>
        key is null ? null : new TableTransactionAction(expired is null ? TableTransactionActionType.Add : TableTransactionActionType.UpdateReplace, new TableEntity(graduateId, RowKey(route, key))
        {
            ["RequestHash"] = requestHash,
            ["Outcome"] = Wire.Name(answer.Kind),
            ["Body"] = answer.Body,
            ["Location"] = answer.Location,
            ["CreatedAt"] = time.GetUtcNow(),
        }, expired ?? default);
}
