using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Otrabotka.Domain;
using Otrabotka.Functions.UseCases;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// Registers many graduates at once with few storage calls: IIN index rows are inserted 100 to a transaction
/// per index partition (insert-or-conflict; only a conflicting batch reads its rows), each new graduate's
/// profile and reminder plan go in one transaction in its own partition, and the due rows 100 to a
/// transaction per due date. Each index row records the job and line that created it, so a chunk run again
/// after a crash finishes what it started and counts it once, and a repeated file counts as unchanged. New ids are
/// drawn so that runs of 250 rows share one operators' counter shard (ADR 0025). Each phase is an <see cref="ImportTrace"/> span.
/// </summary>
public sealed class ImportRegistrar(StorageClients storage, GraduateRegistry registry, GraduateRegistrations graduates, SetFeedConsent consents, OperatorIndex operators, TimeProvider time)
{
    private const int Parallelism = 16;
    private const int BatchLimit = 100;
    private const int ClaimAttempts = 4;

    /// <summary>New graduates in a row that share one operators' counter shard (ADR 0025).</summary>
    private const int RowsPerShard = 250;

    public static Text ConflictText => TextCatalog.Default.Text("problems.graduate-exists");

    private TableClient IinIndex => storage.Table(StorageNames.IinIndexTable);
    private TableClient Profiles => storage.Table(StorageNames.GraduatesTable);
    private TableClient Due => storage.Table(StorageNames.ReminderDueTable);

    public async Task<RegisterTally> RegisterAsync(IReadOnlyList<(int Line, GraduateRecord Record)> rows, string jobId, CancellationToken cancellationToken)
    {
        var writes = new Counter();
        var problems = new ConcurrentBag<ImportProblem>();
        var firsts = new Dictionary<string, (int Line, GraduateRecord Record)>(StringComparer.Ordinal);
        var repeats = new List<(int Line, GraduateRecord Record)>();
        var lastConsent = LastConsents(rows);
        foreach (var row in rows)
        {
            if (!firsts.TryAdd(row.Record.Iin, (row.Line, row.Record with { Feed = lastConsent.GetValueOrDefault(row.Record.Iin) ?? row.Record.Feed })))
            {
                repeats.Add(row);
            }
        }

        var claims = await ClaimAllAsync(firsts.Values, jobId, writes, problems, cancellationToken);
        var unchanged = claims.Unchanged;
        using (ImportTrace.Phase("one-by-one"))
        {
            unchanged += await RegisterOneByOneAsync(claims.Legacy, problems, cancellationToken);
            await Parallel.ForEachAsync(claims.Consents, Options(cancellationToken), async (sent, ct) => await consents.RunAsync(sent.GraduateId, sent.Consent, ct));
        }

        var fresh = claims.Fresh;
        await WriteProfilesAsync(fresh, writes, cancellationToken);
        foreach (var (line, record) in repeats)
        {
            var first = firsts[record.Iin].Record;
            if (first.ImportHash == record.ImportHash)
            {
                unchanged++;
            }
            else
            {
                problems.Add(new ImportProblem(line, "conflict", ConflictText));
            }
        }

        return new RegisterTally(fresh.Count, unchanged, problems.Count(p => p.Code == "conflict"), problems.OrderBy(p => p.Line).ToList(), writes.Value);
    }

    /// <summary>What the index claims came to: graduates new to this job, unchanged ones, rows the one-by-one path decides, consents to pass on.</summary>
    private sealed record Claims(IReadOnlyCollection<GraduateRecord> Fresh, int Unchanged, IReadOnlyCollection<(int Line, GraduateRecord Record)> Legacy, IReadOnlyCollection<(string GraduateId, FeedConsent Consent)> Consents);

    /// <summary>Claims every distinct IIN's index row, index partitions in parallel, and sorts the rows by what the claim found.</summary>
    private async Task<Claims> ClaimAllAsync(IReadOnlyCollection<(int Line, GraduateRecord Record)> rows, string jobId, Counter writes, ConcurrentBag<ImportProblem> problems, CancellationToken cancellationToken)
    {
        using var phase = ImportTrace.Phase("claims");
        var fresh = new ConcurrentBag<GraduateRecord>();
        var unchanged = 0;
        var legacy = new ConcurrentBag<(int Line, GraduateRecord Record)>();
        var consentsSent = new ConcurrentBag<(string GraduateId, FeedConsent Consent)>();
        var shards = ShardsFor(rows, jobId);
        var groups = rows.GroupBy(r => registry.IinKeys(r.Record.Iin).Partition).SelectMany(g => g.Chunk(BatchLimit)).ToList();
        await Parallel.ForEachAsync(groups, Options(cancellationToken), async (group, ct) =>
        {
            foreach (var (line, record, entry) in await ClaimAsync(group, jobId, shards, writes, ct))
            {
                switch (Classify(record, entry, jobId, line))
                {
                    case Claim.Ours:
                        fresh.Add(record with { Id = entry.GetString("GraduateId")! });
                        break;
                    case Claim.Same:
                        Interlocked.Increment(ref unchanged);
                        if (record.Feed?.Consent is { } consent && entry.GetString("GraduateId") is { } graduateId)
                        {
                            consentsSent.Add((graduateId, consent));
                        }

                        break;
                    case Claim.Changed:
                        problems.Add(new ImportProblem(line, "conflict", ConflictText));
                        break;
                    default:
                        legacy.Add((line, record));
                        break;
                }
            }
        });
        return new Claims(fresh, unchanged, legacy, consentsSent);
    }

    /// <summary>
    /// The operators' counter shard each row's new graduate id is drawn in (ADR 0025): consecutive runs of
    /// <see cref="RowsPerShard"/> rows share a shard, starting at a shard derived from the job and the first line, so a
    /// chunk moves the counters of a few shards in few transactions and chunks running side by side mostly meet none.
    /// </summary>
    private static Dictionary<int, int> ShardsFor(IEnumerable<(int Line, GraduateRecord Record)> rows, string jobId)
    {
        var ordered = rows.Select(r => r.Line).Order().ToList();
        var first = ordered.Count == 0 ? 0 : ordered[0];
        var start = OperatorIndex.ShardNumber(jobId) + (first / RowsPerShard);
        return ordered.Select((line, position) => (line, shard: (start + (position / RowsPerShard)) % OperatorIndex.Shards)).ToDictionary(p => p.line, p => p.shard);
    }

    /// <summary>A new graduate id whose operators' counter shard is <paramref name="shard"/> (about <see cref="OperatorIndex.Shards"/> draws).</summary>
    private static string NewIdIn(int shard)
    {
        while (true)
        {
            var id = GraduateStore.NewId('g');
            if (OperatorIndex.ShardNumber(id) == shard)
            {
                return id;
            }
        }
    }

    private enum Claim { Ours, Same, Changed, Unknown }

    /// <summary>The consent each IIN's last row gives (a registration sent again may change only its consent).</summary>
    private static Dictionary<string, FeedState> LastConsents(IReadOnlyList<(int Line, GraduateRecord Record)> rows)
    {
        var consents = new Dictionary<string, FeedState>(StringComparer.Ordinal);
        foreach (var (_, record) in rows.OrderBy(r => r.Line))
        {
            if (record.Feed is { } feed)
            {
                consents[record.Iin] = feed;
            }
        }

        return consents;
    }

    private static Claim Classify(GraduateRecord record, TableEntity entry, string jobId, int line)
    {
        if (entry.GetString("ImportJob") == jobId && entry.GetInt32("ImportLine") == line)
        {
            return Claim.Ours;
        }

        return entry.GetString("ImportHash") switch
        {
            null => Claim.Unknown,
            var hash when hash == record.ImportHash => Claim.Same,
            _ => Claim.Changed,
        };
    }

    /// <summary>Inserts the group's index rows in one transaction; on a conflict reads them and inserts only the missing ones.</summary>
    private async Task<List<(int Line, GraduateRecord Record, TableEntity Entry)>> ClaimAsync((int Line, GraduateRecord Record)[] group, string jobId, IReadOnlyDictionary<int, int> shards, Counter writes, CancellationToken cancellationToken)
    {
        var claimed = new List<(int, GraduateRecord, TableEntity)>();
        var pending = group.ToList();
        await RetryPolicy.RunAsync(
            async token =>
            {
                var entries = pending.Select(row => IndexRow(row.Record, jobId, row.Line, shards[row.Line])).ToList();
                try
                {
                    writes.Add();
                    await storage.Transactions.SubmitAsync(IinIndex, entries.Select(entry => new TableTransactionAction(TableTransactionActionType.Add, entry)), token);
                    claimed.AddRange(pending.Zip(entries, (row, entry) => (row.Line, row.Record, entry)));
                    return true;
                }
                catch (TableTransactionFailedException ex) when (ex.Status == 409)
                {
                    // Some rows exist (an earlier run, another import): take those as read; insert the rest again.
                    var read = await Task.WhenAll(pending.Select(row => ReadIndexAsync(row.Record.Iin, token)));
                    claimed.AddRange(pending.Zip(read).Where(pair => pair.Second is not null).Select(pair => (pair.First.Line, pair.First.Record, pair.Second!)));
                    pending = pending.Zip(read).Where(pair => pair.Second is null).Select(pair => pair.First).ToList();
                    return pending.Count == 0 ? true : throw new ConcurrentChangeException("Index rows appeared and vanished concurrently.", ex);
                }
            },
            () => false,
            cancellationToken,
            ClaimAttempts);
        return claimed;
    }

    private async Task<TableEntity?> ReadIndexAsync(string iin, CancellationToken cancellationToken)
    {
        var (partition, row) = registry.IinKeys(iin);
        var found = await IinIndex.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    private TableEntity IndexRow(GraduateRecord record, string jobId, int line, int shard)
    {
        var (partition, row) = registry.IinKeys(record.Iin);
        return new TableEntity(partition, row)
        {
            ["GraduateId"] = NewIdIn(shard),
            ["ImportHash"] = record.ImportHash,
            ["ImportJob"] = jobId,
            ["ImportLine"] = line,
        };
    }

    /// <summary>Index rows from before hashes were kept there: the single registration decides (it reads the profile).</summary>
    private async Task<int> RegisterOneByOneAsync(IEnumerable<(int Line, GraduateRecord Record)> rows, ConcurrentBag<ImportProblem> problems, CancellationToken cancellationToken)
    {
        var unchanged = 0;
        await Parallel.ForEachAsync(rows, Options(cancellationToken), async (row, ct) =>
        {
            var outcome = await graduates.RegisterAsync(row.Record, ct);
            if (outcome.Problem is { } problem)
            {
                problems.Add(new ImportProblem(row.Line, problem.Code == "graduate-exists" ? "conflict" : problem.Code, problem.Detail));
            }
            else
            {
                Interlocked.Increment(ref unchanged);
            }
        });
        return unchanged;
    }

    /// <summary>Profile + plan (+ its stamp) in one transaction per graduate (a conflict means a run before wrote it), then the operators' index and counters, then each graduate's due row, batched by date.</summary>
    private async Task WriteProfilesAsync(IReadOnlyCollection<GraduateRecord> records, Counter writes, CancellationToken cancellationToken)
    {
        var today = Almaty.Today(time);
        var due = await WritePlansAsync(records, today, writes, cancellationToken);

        // The operators' search index and dashboard counters, in batches too.
        var indexCalls = await operators.SyncNewAsync(records.Select(r => GraduateRegistrations.Indexed(r, today)).ToList(), cancellationToken);
        for (var call = 0; call < indexCalls; call++)
        {
            writes.Add();
        }

        using var phase = ImportTrace.Phase("due");
        var batches = due.GroupBy(r => r.PartitionKey).SelectMany(g => g.DistinctBy(r => r.RowKey).Chunk(BatchLimit)).ToList();
        await Parallel.ForEachAsync(batches, Options(cancellationToken), async (batch, ct) =>
        {
            writes.Add();
            await storage.Transactions.SubmitAsync(Due, batch.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), ct);
        });
    }

    /// <summary>Each graduate's profile, plan and plan stamp in one transaction in their partition; answers the due rows to write.</summary>
    private async Task<ConcurrentBag<TableEntity>> WritePlansAsync(IReadOnlyCollection<GraduateRecord> records, DateOnly today, Counter writes, CancellationToken cancellationToken)
    {
        using var phase = ImportTrace.Phase("profiles");
        var due = new ConcurrentBag<TableEntity>();
        await Parallel.ForEachAsync(records, Options(cancellationToken), async (record, ct) =>
        {
            var (plan, row) = ReminderPlanner.Initial(record, today);
            if (row is not null)
            {
                due.Add(ReminderDueStore.ToEntity(row));
            }

            try
            {
                writes.Add();
                await storage.Transactions.SubmitAsync(Profiles, 
                    [new(TableTransactionActionType.Add, GraduateStore.ToEntity(GraduateRegistrations.Indexed(record, today))), .. ReminderDueStore.InitialRows(record.Id, plan).Select(entity => new TableTransactionAction(TableTransactionActionType.Add, entity))], ct);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409)
            {
                // A run before wrote part of it: the profile is what must exist (the plan row is then there too).
                await AddIfMissingAsync(GraduateStore.ToEntity(GraduateRegistrations.Indexed(record, today)), ct);
            }
        });
        return due;
    }

    private async Task AddIfMissingAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            await Profiles.AddEntityAsync(entity, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
        }
    }

    private static ParallelOptions Options(CancellationToken cancellationToken) => new() { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };

    private sealed class Counter
    {
        private int value;

        public int Value => Volatile.Read(ref value);

        public void Add() => Interlocked.Increment(ref value);
    }
}
