using Azure;
using Azure.Data.Tables;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// The operators' index re-syncs (partition <c>resync</c> of the counters table, which the dashboard never
/// reads: it reads the shards): one row per run and a <c>latest</c> row naming the newest run; and the walk
/// over every graduate's profile a bounded page at a time (ids only).
/// </summary>
public sealed class OperatorResyncStore(StorageClients storage)
{
    public const string Partition = "resync";
    public const string LatestKey = "latest";

    private TableClient Runs => storage.Table(StorageNames.OperatorCountersTable);

    public async Task<OperatorResyncRun?> FindAsync(string runId, CancellationToken cancellationToken)
    {
        var found = await Runs.GetEntityIfExistsAsync<TableEntity>(Partition, "run|" + runId, cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } row ? ToRun(row) : null;
    }

    /// <summary>The newest run (null before the first).</summary>
    public async Task<OperatorResyncRun?> LatestAsync(CancellationToken cancellationToken)
    {
        var found = await Runs.GetEntityIfExistsAsync<TableEntity>(Partition, LatestKey, cancellationToken: cancellationToken);
        return found.HasValue && found.Value?.GetString("RunId") is { } runId ? await FindAsync(runId, cancellationToken) : null;
    }

    /// <summary>Records a new run and names it the latest in one transaction; false when another start got there first.</summary>
    public async Task<bool> TryAddAsync(OperatorResyncRun run, ETag? latest, CancellationToken cancellationToken)
    {
        var pointer = new TableEntity(Partition, LatestKey) { ["RunId"] = run.RunId };
        TableTransactionAction[] actions =
        [
            new(TableTransactionActionType.Add, ToEntity(run)),
            latest is { } etag ? new(TableTransactionActionType.UpdateReplace, pointer, etag) : new(TableTransactionActionType.Add, pointer),
        ];
        try
        {
            await storage.Transactions.SubmitAsync(Runs, actions, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>The latest row's ETag (null when there is none yet).</summary>
    public async Task<ETag?> LatestETagAsync(CancellationToken cancellationToken)
    {
        var found = await Runs.GetEntityIfExistsAsync<TableEntity>(Partition, LatestKey, cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } row ? row.ETag : null;
    }

    /// <summary>Saves the run as read (ETag-conditional); false when another worker saved this step first.</summary>
    public async Task<bool> TrySaveAsync(OperatorResyncRun run, CancellationToken cancellationToken)
    {
        try
        {
            await Runs.UpdateEntityAsync(ToEntity(run), run.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    /// <summary>One page (at most <paramref name="size"/>) of graduate ids from the profiles, and the token of the next page (null at the end).</summary>
    public async Task<(IReadOnlyList<string> GraduateIds, string? Next)> ProfilesAsync(string? token, int size, CancellationToken cancellationToken)
    {
        var profiles = storage.Table(StorageNames.GraduatesTable);
        var filter = GraduateStore.ProfileFilter;
        await foreach (var page in profiles.QueryAsync<TableEntity>(filter, maxPerPage: size, select: ["PartitionKey"], cancellationToken: cancellationToken).AsPages(token, size))
        {
            return (page.Values.Select(row => row.PartitionKey).ToList(), page.ContinuationToken);
        }

        return ([], null);
    }

    private static TableEntity ToEntity(OperatorResyncRun run) => new(Partition, "run|" + run.RunId)
    {
        ["RunId"] = run.RunId,
        ["StartedAt"] = run.StartedAt,
        ["UpdatedAt"] = run.UpdatedAt,
        ["Step"] = run.Step,
        ["WalkToken"] = run.WalkToken,
        ["Graduates"] = run.Graduates,
        ["Failed"] = run.Failed,
        ["Done"] = run.Done,
    };

    private static OperatorResyncRun ToRun(TableEntity row) => new(
        row.GetString("RunId") ?? "",
        row.GetDateTimeOffset("StartedAt") ?? default,
        row.GetDateTimeOffset("UpdatedAt") ?? default,
        row.GetInt32("Step") ?? 0,
        row.GetString("WalkToken"),
        row.GetInt32("Graduates") ?? 0,
        row.GetInt32("Failed") ?? 0,
        row.GetBoolean("Done") ?? false,
        row.ETag);
}
