using Azure;
using Azure.Data.Tables;
using Otrabotka.Domain;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// The latest month any feed file has covered (one row in <c>feedfiles</c>): a month no longer reported at an employer
/// counts as a stop only once the feed has arrived for a later month (FeedStops). Raised by each chunk, never lowered.
/// </summary>
public sealed class FeedCoverage(StorageClients storage)
{
    public const string Partition = "coverage";
    public const string Key = "months";

    private TableClient Files => storage.Table(StorageNames.FeedFilesTable);

    public async Task<FeedMonth?> ReadAsync(CancellationToken cancellationToken)
    {
        var found = await Files.GetEntityIfExistsAsync<TableEntity>(Partition, Key, cancellationToken: cancellationToken);
        return found.HasValue && FeedMonth.TryParse(found.Value!.GetString("Through"), out var month) ? month : null;
    }

    /// <summary>The coverage after a file with months through <paramref name="month"/>: raised when later (ETag-guarded, retried).</summary>
    public Task<FeedMonth> RaiseAsync(FeedMonth month, CancellationToken cancellationToken) =>
        RetryPolicy.RunAsync(token => RaiseOnceAsync(month, token), () => throw new ConcurrentChangeException(), cancellationToken);

    private async Task<FeedMonth> RaiseOnceAsync(FeedMonth month, CancellationToken cancellationToken)
    {
        var found = await Files.GetEntityIfExistsAsync<TableEntity>(Partition, Key, cancellationToken: cancellationToken);
        var stored = found.HasValue && FeedMonth.TryParse(found.Value!.GetString("Through"), out var current) ? current : (FeedMonth?)null;
        if (stored >= month)
        {
            return stored.Value;
        }

        var row = new TableEntity(Partition, Key) { ["Through"] = month.ToString() };
        try
        {
            if (found.HasValue)
            {
                await Files.UpdateEntityAsync(row, found.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
            }
            else
            {
                await Files.AddEntityAsync(row, cancellationToken);
            }
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            throw new ConcurrentChangeException("The feed's coverage changed concurrently.", ex);
        }

        return month;
    }
}
