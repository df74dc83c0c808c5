using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Otrabotka.Domain;
using Otrabotka.Functions.Http;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases;
using Otrabotka.Functions.UseCases.OperatorDesk;

namespace Otrabotka.Benchmarks;

/// <summary>
/// Issue 15's benchmark: N graduates (profiles, IIN index, and the operators' index and counters written
/// by the import path's batch sync) on Azurite; then operator searches and the dashboard counters, each
/// timed (median of repeats) with the entities it read. For comparison, the old search's scan of every
/// profile. Fails if a search page reads more than its page size or the counters read more than
/// shards × facet values, or if the counters do not equal what was seeded.
/// </summary>
public static class OperatorDeskBenchmark
{
    private const int Repeats = 7;
    private const int PageSize = 25;

    /// <summary>Concurrent writes while seeding (bounded; Azurite serves them on one thread, the client waits on the network).</summary>
    private const int SeedWriters = 32;

    private static readonly string[] FirstNames = ["Әлихан", "Нұрлан", "Айгерім", "Ғалия", "Іңкәр", "Дәурен", "Ерлан", "Асқар", "Мадина", "Жанар", "Бауыржан", "Сәуле", "Өмірзақ", "Ұлжан", "Қайрат", "Ербол", "Дина", "Айдана", "Тимур", "Мария"];

    private static readonly string[] Surnames =
    [
        "Бөкейханов", "Сапарова", "Ахметов", "Нұрғалиев", "Серікбаева", "Жұмабаев", "Қасымов", "Әбілова", "Оспанов", "Төлеубаев", "Исаева", "Мұқанов", "Ержанова",
        "Құнанбаев", "Сейітов", "Тоқтарова", "Байжанов", "Әлиева", "Ғабитов", "Шәріпова", "Иванов", "Ким", "Ли", "Петрова", "Өтегенов", "Ұзақбаева", "Һашимов",
        "Қожахметов", "Дүйсенова", "Рахымжанов",
    ];

    private static readonly string[] Patronymics = ["Нұрланұлы", "Серікқызы", "Әлиұлы", "Болатқызы", "Ғаниұлы", "Асқарқызы", "Маратұлы", "Ерланқызы", ""];

    private static readonly (Category Category, SpecialtyGroup Group)[] Kinds =
        [(Category.StateOrderOther, SpecialtyGroup.Technical), (Category.Serpin, SpecialtyGroup.Technical), (Category.RuralQuota, SpecialtyGroup.Pedagogical)];

    public static async Task<int> RunAsync(int graduates)
    {
        var services = ReminderRunBenchmark.Services();
        var storage = services.GetRequiredService<StorageClients>();
        await storage.EnsureCreatedAsync();
        var seeded = await SeedAsync(services, storage, graduates);

        var failures = new List<string>();
        var countersRead = await SearchesAndCountersAsync(services, graduates, seeded, failures);
        if (Environment.GetEnvironmentVariable("BENCH_AZURITE_PID") is { Length: > 0 } azurite)
        {
            // The same searches and counters over the same data, with Azurite's own point lookup put back (SIGUSR2 to the preload).
            await StockLookupAsync(azurite);
            Console.WriteLine("the same on stock Azurite (scripts/azurite-key-lookup.cjs switched off by SIGUSR2, same process and data):");
            await SearchesAndCountersAsync(services, graduates, seeded, failures);
        }

        await ScanAsync(storage, graduates);
        foreach (var failure in failures)
        {
            Console.WriteLine("FAIL: " + failure);
        }

        if (failures.Count == 0)
        {
            Console.WriteLine($"ok: every search page read at most {PageSize} index rows (an answer at most {OperatorSearch.MaxRowsPerRequest}), the counters {countersRead:N0} rows, and they equal what was seeded");
        }

        return failures.Count == 0 ? 0 : 1;
    }

    /// <summary>The timed part: every search (median of repeats, entities read) and the counters and dashboard; answers the entities the counters read.</summary>
    private static async Task<int> SearchesAndCountersAsync(ServiceProvider services, int graduates, Seeded seeded, List<string> failures)
    {
        var find = services.GetRequiredService<FindGraduates>();
        var search = services.GetRequiredService<OperatorSearch>();
        var reader = services.GetRequiredService<OperatorIndexReader>();
        Console.WriteLine($"searches over {graduates:N0} graduates (median of {Repeats}; page size {PageSize}):");
        await SearchAsync(find, search, reader, "common surname, no Kazakh letters", "бокейханов", failures);
        await SearchAsync(find, search, reader, "first name + surname prefix", "нурлан бокейх", failures);
        await SearchAsync(find, search, reader, "common surname + rare first name (the last in the surname's range)", "бокейханов " + seeded.RareFirstName, failures);
        await SearchAsync(find, search, reader, "rare surname", seeded.RareSurname, failures);
        await SearchAsync(find, search, reader, "no match", "зззззззз", failures);
        await TimeAsync("IIN (index point read + profile)", 2, () => find.RunAsync(Query(("q", seeded.Iin)), CancellationToken.None), hits: 1, failures);
        await TimeAsync("status=defaulted, first page", PageSize, () => find.RunAsync(Query(("status", "defaulted"), ("pageSize", "25")), CancellationToken.None), hits: -1, failures);
        await AllPagesAsync(reader, "бокейханов");
        await RareSecondWordAsync(find, "бокейханов " + seeded.RareFirstName, failures);

        var counters = services.GetRequiredService<OperatorCounters>();
        var dashboard = services.GetRequiredService<ReadDashboard>();
        var (countersTime, totals) = await MedianAsync(() => counters.ReadAsync(CancellationToken.None));
        var (dashboardTime, _) = await MedianAsync(() => dashboard.RunAsync(Language.Ru, CancellationToken.None));
        var total = Enum.GetValues<Category>().Sum(c => totals.Counts.GetValueOrDefault("category:" + Wire.Name(c)));
        Console.WriteLine($"  counters: {countersTime:N1} ms, entities read {totals.EntitiesRead:N0} ({OperatorIndex.Shards} shards), total counted {total:N0}, defaulted {totals.Counts.GetValueOrDefault("status:defaulted"):N0}");
        Console.WriteLine($"  dashboard (counters + review queue page + failed e-mails): {dashboardTime:N1} ms");
        if (total != graduates || totals.Counts.GetValueOrDefault("status:defaulted") != seeded.Defaulted)
        {
            failures.Add($"the counters say {total:N0} graduates and {totals.Counts.GetValueOrDefault("status:defaulted"):N0} defaulted; {graduates:N0} and {seeded.Defaulted:N0} were seeded");
        }

        if (totals.EntitiesRead > OperatorIndex.Shards * 40)
        {
            failures.Add($"the counters read {totals.EntitiesRead:N0} entities");
        }

        return totals.EntitiesRead;
    }

    /// <summary>Tells the benchmark's Azurite to use its own point lookup again (the preload restores it on SIGUSR2).</summary>
    private static async Task StockLookupAsync(string azuritePid)
    {
        using var kill = Process.Start("kill", ["-USR2", azuritePid]);
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"could not signal Azurite (process {azuritePid})");
        }
    }

    private sealed record Seeded(string Iin, string RareSurname, string RareFirstName, int Defaulted);

    /// <summary>Profiles and IIN index rows (as registration writes them), then the operators' index and counters through the import path's batch sync.</summary>
    private static async Task<Seeded> SeedAsync(ServiceProvider services, StorageClients storage, int graduates)
    {
        var random = new Random(15);
        var today = new DateOnly(2026, 11, 25);
        var records = new List<GraduateRecord>(graduates);
        var defaulted = 0;
        for (var i = 0; i < graduates; i++)
        {
            var (category, group) = Kinds[i % Kinds.Length];
            var name = $"{Surnames[random.Next(Surnames.Length)]} {FirstNames[random.Next(FirstNames.Length)]} {Patronymics[random.Next(Patronymics.Length)]}".Trim();
            var obligation = new Obligation(category, Level.Bachelor, group, new DateOnly(2024 + (i % 2), 6, 20), 2020, 3_600_000m, null, null);
            name = i == 0 ? "Зайнуллаұлы Жәңгірхан" : i == graduates - 1 ? "Бөкейханов Зейнолла" : name;
            var record = new GraduateRecord($"g{i:D8}", ValidIin(i), name, $"g{i}@bench.example.kz", Language.Kk, obligation, "ҚазҰУ",
                DateTimeOffset.UnixEpoch, "bench", Region: random.Next(10) < 3 ? Enum.GetValues<Region>()[random.Next(20)] : null);
            if (i % 50 == 7)
            {
                record = record with { Status = ObligationStatus.Defaulted, Default = new DefaultDeclaration(today.AddDays(-i % 300), "bench"), DefaultAmount = 1_000_000m + i };
                defaulted++;
            }

            records.Add(record with { Status = record.Status ?? GraduateLedger.Compute(record, [], today).Status });
        }

        Console.WriteLine($"seeding {graduates:N0} graduates: profiles ({SeedWriters} inserts at a time) and IIN index rows (batches)");
        var watch = Stopwatch.StartNew();
        var profiles = storage.Table(StorageNames.GraduatesTable);
        var iins = storage.Table(StorageNames.IinIndexTable);
        var written = 0;
        var lap = Stopwatch.StartNew();
        await Parallel.ForEachAsync(records, new ParallelOptions { MaxDegreeOfParallelism = SeedWriters }, async (record, ct) =>
        {
            // An insert, not an upsert: the table is new, and Azurite looks an upserted key up twice.
            await profiles.AddEntityAsync(GraduateStore.ToEntity(record), ct);
            var count = Interlocked.Increment(ref written);
            if (count % 10_000 == 0)
            {
                Console.WriteLine($"  {count:N0} profiles, the last 10,000 in {lap.Elapsed.TotalSeconds:N1} s");
                lap.Restart();
            }
        });
        Console.WriteLine($"  profiles: {watch.Elapsed.TotalSeconds:N1} s");
        watch.Restart();
        // The IIN index as registration writes it (keyed: partition and row from the HMAC of the IIN).
        var keys = services.GetRequiredService<IinIndexKeys>();
        var iinBatches = records.Select(r => (Key: keys.For(r.Iin), r.Id)).GroupBy(r => r.Key.Partition)
            .SelectMany(g => g.Chunk(100).Select(chunk => (Partition: g.Key, Rows: chunk))).ToList();
        await Parallel.ForEachAsync(iinBatches, new ParallelOptions { MaxDegreeOfParallelism = SeedWriters }, async (batch, ct) =>
            await iins.SubmitTransactionAsync(batch.Rows.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(batch.Partition, r.Key.Row) { ["GraduateId"] = r.Id })), ct));
        Console.WriteLine($"  IIN index rows: {watch.Elapsed.TotalSeconds:N1} s ({iinBatches.Count:N0} transactions)");

        watch.Restart();
        var index = services.GetRequiredService<OperatorIndex>();
        var calls = 0;
        var synced = 0;
        lap.Restart();
        foreach (var batch in records.Chunk(5_000))
        {
            calls += await index.SyncNewAsync(batch, CancellationToken.None);
            if ((synced += batch.Length) % 20_000 == 0)
            {
                Console.WriteLine($"  {synced:N0} indexed and counted, the last 20,000 in {lap.Elapsed.TotalSeconds:N1} s");
                lap.Restart();
            }
        }

        Console.WriteLine($"  operators' index and counters (import path, batches of 5,000): {watch.Elapsed.TotalSeconds:N1} s, {calls:N0} storage calls ({(double)calls / graduates:N3} per graduate)");
        return new Seeded(records[^1].Iin, "жангирхан", "зейнолла", defaulted);
    }

    /// <summary>A name search: its median time through the use case, and the index rows its first answer read (all the pages it went through for a hit).</summary>
    private static async Task SearchAsync(FindGraduates find, OperatorSearch search, OperatorIndexReader reader, string label, string text, List<string> failures)
    {
        var words = NameTokens.QueryWords(text);
        var seek = words.OrderByDescending(w => w.Length).First();
        var (_, first) = await MedianAsync(async () => (await search.ReadAsync(new IndexQuery(seek, null, null, null), words, null, PageSize, CancellationToken.None))!);
        var (_, page) = await MedianAsync(async () => (await reader.PageAsync(new IndexQuery(seek, null, null, null), null, PageSize, CancellationToken.None)).Page!);
        var (elapsed, outcome) = await MedianAsync(() => find.RunAsync(Query(("q", text), ("pageSize", PageSize.ToString(CultureInfo.InvariantCulture))), CancellationToken.None));
        Console.WriteLine($"  {label} «{text}»: {elapsed:N1} ms, entities read {first.EntitiesRead} ({Math.Max(1, (first.EntitiesRead + PageSize - 1) / PageSize)} index pages; one page reads {page.EntitiesRead}), hits on the first answer {outcome.Value!.Items.Count}, more pages {(outcome.Value.ContinuationToken is null ? "no" : "yes")}");
        if (page.EntitiesRead > PageSize || first.EntitiesRead > OperatorSearch.MaxRowsPerRequest)
        {
            failures.Add($"{label}: a page read {page.EntitiesRead} rows, an answer {first.EntitiesRead}");
        }

        if (first.Hits.Count == 0 && first.ContinuationToken is not null && first.EntitiesRead + PageSize <= OperatorSearch.MaxRowsPerRequest)
        {
            failures.Add($"{label}: an empty answer with more to read after {first.EntitiesRead} rows");
        }
    }

    /// <summary>Every answer of a two-word search with a rare second word, until its hit: the calls an operator's "more" button makes.</summary>
    private static async Task RareSecondWordAsync(FindGraduates find, string text, List<string> failures)
    {
        var watch = Stopwatch.StartNew();
        string? token = null;
        int answers = 0, hits = 0;
        do
        {
            var query = Query(("q", text), ("pageSize", PageSize.ToString(CultureInfo.InvariantCulture)));
            var fields = token is null ? query : Query(("q", text), ("pageSize", PageSize.ToString(CultureInfo.InvariantCulture)), ("continuationToken", token));
            var outcome = (await find.RunAsync(fields, CancellationToken.None)).Value!;
            answers++;
            hits += outcome.Items.Count;
            token = hits > 0 ? null : outcome.ContinuationToken;
        }
        while (token is not null);
        Console.WriteLine($"  «{text}» until its hit: {answers} answers, {watch.Elapsed.TotalMilliseconds:N0} ms, hits {hits}");
        if (hits != 1)
        {
            failures.Add($"«{text}»: {hits} hits, expected 1");
        }
    }

    private static async Task TimeAsync(string label, int maxRead, Func<Task<Outcome<Paged<SearchHit>>>> search, int hits, List<string> failures)
    {
        var (elapsed, outcome) = await MedianAsync(search);
        Console.WriteLine($"  {label}: {elapsed:N1} ms, entities read ≤ {maxRead}, hits {outcome.Value!.Items.Count}");
        if (hits >= 0 && outcome.Value.Items.Count != hits)
        {
            failures.Add($"{label}: {outcome.Value.Items.Count} hits, expected {hits}");
        }
    }

    /// <summary>Every page of a common name: the whole answer costs its matches, not the graduates.</summary>
    private static async Task AllPagesAsync(OperatorIndexReader reader, string word)
    {
        var watch = Stopwatch.StartNew();
        string? token = null;
        int read = 0, pages = 0;
        do
        {
            var page = (await reader.PageAsync(new IndexQuery(NameTokens.Words(word)[0], null, null, null), token, 100, CancellationToken.None)).Page!;
            read += page.EntitiesRead;
            pages++;
            token = page.ContinuationToken;
        }
        while (token is not null);
        Console.WriteLine($"  every page of «{word}» (pages of 100): {pages} pages, {read:N0} entities read, {watch.Elapsed.TotalMilliseconds:N0} ms");
    }

    /// <summary>The old search's cost: every profile read to filter names in memory.</summary>
    private static async Task ScanAsync(StorageClients storage, int graduates)
    {
        var watch = Stopwatch.StartNew();
        var read = 0;
        await foreach (var _ in storage.Table(StorageNames.GraduatesTable).QueryAsync<TableEntity>(GraduateStore.ProfileFilter, select: ["FullName"]))
        {
            read++;
        }

        Console.WriteLine($"  for comparison, the old search for a name that matches nothing (a scan of profiles): {watch.Elapsed.TotalSeconds:N1} s, {read:N0} entities read of {graduates:N0}");
    }

    private static async Task<(double Milliseconds, T Result)> MedianAsync<T>(Func<Task<T>> action)
    {
        var times = new List<double>();
        T result = await action();
        for (var i = 0; i < Repeats; i++)
        {
            var watch = Stopwatch.StartNew();
            result = await action();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return (times[times.Count / 2], result);
    }

    private static Fields Query(params (string Name, string Value)[] values) =>
        new(values.ToDictionary(v => v.Name, v => (string?)v.Value, StringComparer.Ordinal));

    /// <summary>A valid IIN for the i-th graduate: born on the 1st–2nd of a month of the 1990s, a serial, the sex digit and day chosen so the check digit holds.</summary>
    private static string ValidIin(int i)
    {
        var (serial, block) = (i % 10_000, i / 10_000);
        var date = $"9{block / 12 % 10}{block % 12 + 1:D2}";
        foreach (var (day, sex) in new[] { ("01", '3'), ("01", '4'), ("02", '3'), ("02", '4'), ("03", '3'), ("03", '4') })
        {
            var stem = string.Create(CultureInfo.InvariantCulture, $"{date}{day}{sex}{serial:D4}");
            for (var last = 0; last < 10; last++)
            {
                if (Iin.Parse(stem + last.ToString(CultureInfo.InvariantCulture)) is { IsValid: true })
                {
                    return stem + last.ToString(CultureInfo.InvariantCulture);
                }
            }
        }

        throw new InvalidOperationException($"no valid IIN for graduate {i}");
    }
}
