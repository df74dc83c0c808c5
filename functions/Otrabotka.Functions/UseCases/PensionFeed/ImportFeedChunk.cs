using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Otrabotka.Domain;
using Otrabotka.Functions.Configuration;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// One chunk of a feed file: its rows parsed by the feed format (a bad row reported with its line and reasons, the
/// rest go on), grouped by graduate, and each graduate's rows applied (a few graduates at a time). Registry reads
/// are shared by the whole chunk, and so is the feed's coverage (raised to the chunk's latest month first).
/// </summary>
public sealed class ImportFeedChunk(CreditFeedMonths credit, EmployerRegistryStore registry, FeedCoverage coverage, IOptions<FeedSettings> settings)
{
    private static readonly IPensionFeedFormat Format = new PensionFeedCsv();

    public async Task<ChunkTally> RunAsync(FeedFile file, TextReader text, int firstLine, CancellationToken cancellationToken)
    {
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
            else
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
        await Parallel.ForEachAsync(graduates, new ParallelOptions { MaxDegreeOfParallelism = settings.Value.Parallelism, CancellationToken = cancellationToken }, async (graduate, token) =>
        {
            var tally = await credit.ApplyAsync(file, graduate.Key, [.. graduate.Select(r => r.Row)], lookup, coveredThrough, token);
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
        return new ChunkTally(read, applied, unchanged, superseded, [.. problems.OrderBy(p => p.Line)]);
    }
}
