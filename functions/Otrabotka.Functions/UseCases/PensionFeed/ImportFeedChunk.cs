using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Otrabotka.Domain;
using Otrabotka.Functions.Configuration;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// One chunk of a feed file: its rows parsed by the feed format (a bad row reported with its line and reasons, the
/// rest go on), grouped by graduate, and each graduate's rows applied (Feed:Parallelism graduates at a time). Registry
/// reads are shared by the whole chunk, and so is the feed's coverage (raised to the chunk's latest month first). The
/// graduates go in pieces, each committed, then its cross-graduate indexes synced together and its e-mails queued
/// (ADR 0028); the pieces are sized by <see cref="ImportPace"/> from the pace of the ones before so that the execution,
/// the sync of its graduates included, ends within Feed:ChunkSeconds, and it answers where the next goes on (graduates
/// in the order of their first row, so the same bytes give the same order; ADR 0030). The parse problems are the
/// first execution's.
/// </summary>
public sealed class ImportFeedChunk(CreditFeedMonths credit, EmployerRegistryStore registry, FeedCoverage coverage, IOptions<FeedSettings> settings, TimeProvider time)
{
    private static readonly IPensionFeedFormat Format = new PensionFeedCsv();

    public Task<ChunkTally> RunAsync(FeedFile file, TextReader text, int firstLine, CancellationToken cancellationToken) =>
        RunAsync(file, text, firstLine, 0, cancellationToken);

    /// <summary>The chunk's graduates from the <paramref name="from"/>-th on (0: the whole chunk, its parse problems reported).</summary>
    public async Task<ChunkTally> RunAsync(FeedFile file, TextReader text, int firstLine, int from, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var shift = firstLine - 2 + file.LineOffset;
        var problems = new ConcurrentBag<FeedProblem>();
        var rows = new List<(int Line, FeedRow Row)>();
        var read = 0;
        foreach (var line in Format.Open(text).Lines)
        {
            read++;
            if (line.Row is { } row)
            {
                rows.Add((line.Line + shift, row));
            }
            else if (from == 0)
            {
                foreach (var error in line.Errors)
                {
                    problems.Add(new FeedProblem(line.Line + shift, error.Code, error.Message));
                }
            }
        }

        var lookup = registry.Cached();
        var coveredThrough = rows.Count == 0 ? await coverage.ReadAsync(cancellationToken) : await coverage.RaiseAsync(rows.Max(r => r.Row.Month), cancellationToken);
        int applied = 0, unchanged = 0, superseded = 0;
        var graduates = rows.GroupBy(r => r.Row.Iin).ToList();
        // Small pieces (a twentieth of the chunk, then at most twice that): at full size the store's pace swung several
        // times over within one execution, and a piece sized from an earlier pace overran the minute (ADR 0030).
        var firstPiece = Math.Max(1, (graduates.Count + 19) / 20);
        var pace = new ImportPace(TimeSpan.FromSeconds(settings.Value.ChunkSeconds), graduates.Count, time, started, firstPiece, 2 * firstPiece);
        var done = from;
        for (var piece = pace.Next(graduates.Count - done); piece > 0 && (done == from || !cancellationToken.IsCancellationRequested); piece = pace.Next(graduates.Count - done))
        {
            var deferred = new ConcurrentBag<FeedSyncDue>();
            var applying = ImportTrace.Phase("feed-graduates");
            applying?.SetTag("graduates", piece);
            try
            {
                await Parallel.ForEachAsync(graduates.Skip(done).Take(piece), new ParallelOptions { MaxDegreeOfParallelism = settings.Value.Parallelism, CancellationToken = cancellationToken }, async (graduate, token) =>
                {
                    var tally = await credit.ApplyAsync(file, graduate.Key, [.. graduate.Select(r => r.Row)], lookup, coveredThrough, deferred, token);
                    if (tally.UnknownGraduate)
                    {
                        foreach (var (line, _) in graduate)
                        {
                            problems.Add(new FeedProblem(line, "feed-graduate-unknown", TextCatalog.Default.Text("feed.graduate-unknown")));
                        }
                    }

                    Interlocked.Add(ref applied, tally.Applied);
                    Interlocked.Add(ref unchanged, tally.Unchanged);
                    Interlocked.Add(ref superseded, tally.Superseded);
                });
            }
            finally
            {
                applying?.Dispose();

                // Also when a graduate's change failed the execution: the others' commits are synced and their e-mails queued.
                using var syncing = ImportTrace.Phase("feed-sync");
                syncing?.SetTag("graduates", deferred.Count);
                await credit.SyncAllAsync(deferred, CancellationToken.None);
            }

            done += piece;
            pace.Took(piece);
        }

        return new ChunkTally(from == 0 ? read : 0, applied, unchanged, superseded, [.. problems.OrderBy(p => p.Line)], done < graduates.Count ? done : null);
    }
}
