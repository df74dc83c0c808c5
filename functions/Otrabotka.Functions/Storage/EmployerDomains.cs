using Azure.Data.Tables;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// Which e-mail domains are verified for which employer (BIN), and the operators' check list of
/// confirmations from domains not yet verified. A domain is stored, never a whole address.
/// </summary>
public sealed class EmployerDomains(StorageClients storage)
{
    public const string CheckPartition = "unverified";

    private TableClient Verified => storage.Table(StorageNames.EmployerDomainsTable);
    private TableClient Checks => storage.Table(StorageNames.EmployerChecksTable);

    public static string DomainOf(string email) => email[(email.LastIndexOf('@') + 1)..].Trim().ToLowerInvariant();

    /// <summary>Verified by an operator, or listed for the BIN by the employer registry (issue 16).</summary>
    public async Task<bool> IsVerifiedAsync(string bin, string domain, CancellationToken cancellationToken) =>
        SafeKey(bin) && SafeKey(domain)
        && ((await Verified.GetEntityIfExistsAsync<TableEntity>(bin, domain, cancellationToken: cancellationToken)).HasValue || await RegistryListsAsync(bin, domain, cancellationToken));

    private async Task<bool> RegistryListsAsync(string bin, string domain, CancellationToken cancellationToken) =>
        Otrabotka.Domain.Bin.Parse(bin) is { IsValid: true } parsed
        && await new EmployerRegistryStore(storage).FindAsync(parsed.Value, cancellationToken) is { } entry
        && entry.OwnsAddress("x@" + domain);

    public async Task VerifyAsync(string bin, string domain, string how, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (SafeKey(bin) && SafeKey(domain))
        {
            await Verified.UpsertEntityAsync(new TableEntity(bin, domain) { ["VerifiedBy"] = how, ["VerifiedAt"] = at }, TableUpdateMode.Replace, cancellationToken);
        }
    }

    public Task FlagAsync(UnverifiedConfirmation check, CancellationToken cancellationToken) =>
        Checks.UpsertEntityAsync(
            new TableEntity(CheckPartition, check.DocumentId) { ["GraduateId"] = check.GraduateId, ["EmployerBin"] = check.EmployerBin, ["Domain"] = check.Domain, ["ConfirmedAt"] = check.ConfirmedAt },
            TableUpdateMode.Replace,
            cancellationToken);

    public async Task<UnverifiedConfirmation?> FlaggedAsync(string documentId, CancellationToken cancellationToken)
    {
        var found = await Checks.GetEntityIfExistsAsync<TableEntity>(CheckPartition, documentId, cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } entity ? ToCheck(entity) : null;
    }

    public Task UnflagAsync(string documentId, CancellationToken cancellationToken) =>
        Checks.DeleteEntityAsync(CheckPartition, documentId, cancellationToken: cancellationToken);

    /// <summary>A page of the check list; null when the continuation token is not ours.</summary>
    public async Task<(IReadOnlyList<UnverifiedConfirmation> Items, string? ContinuationToken)?> FlaggedPageAsync(string? continuationToken, CancellationToken cancellationToken)
    {
        var (page, badToken) = await TablePages.FirstAsync(Checks, $"PartitionKey eq '{CheckPartition}'", continuationToken, 50, cancellationToken);
        return badToken ? null : ((page?.Values ?? []).Select(ToCheck).ToList(), page?.ContinuationToken);
    }

    private static UnverifiedConfirmation ToCheck(TableEntity entity) =>
        new(entity.RowKey, entity.GetString("GraduateId") ?? "", entity.GetString("EmployerBin") ?? "", entity.GetString("Domain") ?? "", entity.GetDateTimeOffset("ConfirmedAt") ?? default);

    /// <summary>Table keys may not hold '/', '\\', '#', '?' or control characters; a BIN and a mail domain never need them.</summary>
    private static bool SafeKey(string value) =>
        value.Length is > 0 and <= 255 && value.All(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_');
}
