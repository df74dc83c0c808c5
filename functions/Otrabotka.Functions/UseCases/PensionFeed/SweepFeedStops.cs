using System.Buffers.Text;
using System.Text;
using Microsoft.Extensions.Logging;
using Otrabotka.Domain;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// After a feed file is imported, the graduates it did not name: an employer that simply stopped reporting a graduate
/// leaves no row to assess, so the watched employers whose last paid month the feed's coverage has left behind
/// (FeedStops: two months back) are re-assessed a page at a time — one queue message per page, so no execution
/// runs long — and each stop is told once (its key on the profile) however often the sweep runs.
/// </summary>
public sealed partial class SweepFeedStops(StorageClients storage, FeedFindings findings, FeedCoverage coverage, ReassessFeed reassess, IndexSync indexes, ILogger<SweepFeedStops> logger)
{
    public const string MessagePrefix = "stops";

    /// <summary>Queues the first page of the sweep after job <paramref name="jobId"/>.</summary>
    public Task QueueAsync(string jobId, string? continuation, CancellationToken cancellationToken) =>
        storage.Queue(StorageNames.FeedQueue).SendMessageAsync(Message(jobId, continuation), cancellationToken);

    public static string Message(string jobId, string? continuation) =>
        continuation is null ? $"{MessagePrefix}|{jobId}" : $"{MessagePrefix}|{jobId}|{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(continuation))}";

    /// <summary>One page: its graduates re-assessed (indexes following), the next page queued.</summary>
    public async Task RunAsync(string jobId, string? encodedContinuation, CancellationToken cancellationToken)
    {
        if (await coverage.ReadAsync(cancellationToken) is not { } covered)
        {
            return;
        }

        var continuation = encodedContinuation is null ? null : Encoding.UTF8.GetString(Base64Url.DecodeFromChars(encodedContinuation));
        var (graduateIds, next) = await findings.WatchedAsync(FeedStops.StopVisibleThrough(covered), continuation, cancellationToken);
        foreach (var graduateId in graduateIds)
        {
            if ((await reassess.RunAsync(graduateId, cancellationToken)).IndexesStale)
            {
                await indexes.RunAsync(graduateId, null, cancellationToken);
            }
        }

        LogPage(logger, jobId, graduateIds.Count, next is not null);
        if (next is not null)
        {
            await QueueAsync(jobId, next, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed stop sweep after {JobId}: {Graduates} graduates re-assessed, more pages {More}")]
    private static partial void LogPage(ILogger logger, string jobId, int graduates, bool more);
}
