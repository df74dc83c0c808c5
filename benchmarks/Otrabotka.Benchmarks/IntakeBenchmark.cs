using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Otrabotka.Domain;
using Otrabotka.Functions.Configuration;
using Otrabotka.Functions.Http;
using UglyToad.PdfPig.Writer;

namespace Otrabotka.Benchmarks;

/// <summary>
/// Drives the running local host as graduates would (issue 12): at each concurrency C, 2·C multipart uploads (or
/// BENCH_INTAKE_UPLOADS_PER_UPLOADER·C)
/// from C concurrent graduates; times the HTTP answer and the employer's e-mail reaching the capture endpoint.
/// </summary>
public static class IntakeBenchmark
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(string baseUrl, IReadOnlyList<int> levels, int hostPid)
    {
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512 })
        {
            BaseAddress = new Uri(baseUrl),
            Timeout = TimeSpan.FromSeconds(120),
        };
        var auth = new AuthSettings { SigningKey = Environment.GetEnvironmentVariable("BENCH_SIGNING_KEY"), Issuer = "otrabotka-local", Audience = "otrabotka" };
        var operatorToken = Authenticator.MintDevelopmentToken(auth, TimeProvider.System, "operator", "bench-operator");
        var iins = new IinSource(20260);
        var failures = 0;
        var times = new List<(int Concurrency, JsonArray Kinds)>();
        var cpu = new List<string>();
        Console.WriteLine($"idle host RSS: {Rss(hostPid)} MB");
        Console.WriteLine("| C | uploads | HTTP p50 / p95 / p99 ms | to employer e-mail p50 / p95 / p99 ms | errors | uploads/s | storage calls/upload | host RSS MB | raw ops/s | intake ÷ raw |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        // Warm-up, not measured: 3 uploads (table creation paths, connection pools), then BENCH_INTAKE_WARMUP_ROUNDS
        // rounds of 100 concurrent uploads (default 3) so the host's JIT has tiered up, as a host serving for a while has:
        // the cold host's first bursts run at half the steady rate (BENCHMARKS). 0 measures the cold host.
        var warmRounds = int.TryParse(Environment.GetEnvironmentVariable("BENCH_INTAKE_WARMUP_ROUNDS"), out var rounds) && rounds >= 0 ? rounds : 3;
        Console.WriteLine($"warm-up: {3 + (100 * warmRounds)} uploads not measured (BENCH_INTAKE_WARMUP_ROUNDS = {warmRounds} rounds of 100)");
        // Uploads a level sends per concurrent uploader (the issue asks ≥ 2): more gives a steadier rate, since the
        // first and last uploads of a level run with fewer than C in flight; the raw reference scales with it.
        var perUploader = int.TryParse(Environment.GetEnvironmentVariable("BENCH_INTAKE_UPLOADS_PER_UPLOADER"), out var per) && per >= 2 ? per : 2;
        Console.WriteLine($"each level: {perUploader}·C uploads (BENCH_INTAKE_UPLOADS_PER_UPLOADER = {perUploader}); the raw reference 2 × as many operations");
        foreach (var signed in levels.Prepend(-3).Concat(Enumerable.Repeat(-100, warmRounds)).OrderBy(level => level < 0 ? 0 : 1))
        {
            var warmUp = signed < 0;
            var concurrency = Math.Abs(signed);
            var graduates = new List<(string Iin, string Token)>();
            for (var index = 0; index < (warmUp ? concurrency : perUploader * concurrency); index++)
            {
                var iin = iins.Next();
                await RegisterAsync(client, operatorToken, iin);
                graduates.Add((iin, Authenticator.MintDevelopmentToken(auth, TimeProvider.System, "graduate", iin)));
            }

            var files = graduates.Select(_ => Pdf()).ToList();
            using (await client.DeleteAsync("/dev/mail")) { }
            using (await client.DeleteAsync("/dev/storage-calls/times")) { }
            var callsBefore = await StorageCallsAsync(client);
            var cpuBefore = (Azurite: ProcessCpu.Azurite(), Host: ProcessCpu.Of(hostPid.ToString(Invariant)), Own: Environment.CpuUsage.TotalTime, Wall: Stopwatch.GetTimestamp());
            var level = await DriveAsync(client, graduates, files, concurrency);
            var delivered = await AwaitEmployerMailAsync(client, level, TimeSpan.FromSeconds(120));
            var callsAfter = await StorageCallsAsync(client);
            if (warmUp)
            {
                // The raw reference warms up too (its clients' connections, this process's JIT), so that the first
                // levels do not set the intake against a cold reference.
                await RawReferenceAsync(concurrency, files);
                continue;
            }

            var raw = await RawReferenceAsync(concurrency, files);
            var perUpload = callsBefore is null || callsAfter is null ? "n/a" : ((double)(callsAfter.Value - callsBefore.Value) / level.Count).ToString("N1", Invariant);
            var toMail = level.Values.Where(u => u.Mailed is not null).Select(u => (u.Mailed!.Value - u.Started).TotalMilliseconds).ToList();
            var errors = level.Values.Count(u => u.Status != HttpStatusCode.Accepted) + (level.Count - delivered);
            failures += errors;
            var uploadsPerSecond = level.Count / level.Values.Max(u => (u.Answered - level.Values.Min(v => v.Started)).TotalSeconds);
            cpu.Add(string.Create(Invariant,
                $"| {concurrency} | {Stopwatch.GetElapsedTime(cpuBefore.Wall).TotalSeconds:N1} | {(ProcessCpu.Azurite() - cpuBefore.Azurite).TotalSeconds:N1} | {(ProcessCpu.Of(hostPid.ToString(Invariant)) - cpuBefore.Host).TotalSeconds:N1} | {(Environment.CpuUsage.TotalTime - cpuBefore.Own).TotalSeconds:N1} |"));
            times.Add((concurrency, await StorageTimesAsync(client)));
            Console.WriteLine(string.Create(Invariant,
                $"| {concurrency} | {level.Count} | {Percentiles(level.Values.Select(u => u.HttpMs).ToList())} | {Percentiles(toMail)} | {errors} | {uploadsPerSecond:N1} | {perUpload} | {Rss(hostPid)} | {raw:N0} | {uploadsPerSecond / raw:N2} |"));
        }

        Console.WriteLine();
        Console.WriteLine("CPU seconds during each level (uploads until the last employer e-mail; 2 cores = 2 s a second):");
        Console.WriteLine("| C | wall s | Azurite s | host s | driver s |");
        Console.WriteLine("|---|---|---|---|---|");
        cpu.ForEach(Console.WriteLine);
        PrintTimes(times);
        return failures == 0 ? 0 : 1;
    }

    /// <summary>Where the time goes: each level's storage calls by kind (count, mean, p95, longest), heaviest first.</summary>
    private static void PrintTimes(List<(int Concurrency, JsonArray Kinds)> times)
    {
        Console.WriteLine();
        Console.WriteLine("storage calls by kind during each level (uploads and their dispatch), heaviest total first:");
        Console.WriteLine("| C | kind | calls | mean ms | p95 ms | max ms |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var (concurrency, kinds) in times)
        {
            foreach (var kind in kinds.Take(8))
            {
                Console.WriteLine(string.Create(Invariant,
                    $"| {concurrency} | {kind!["kind"]} | {kind["count"]} | {kind["meanMs"]} | {kind["p95Ms"]} | {kind["maxMs"]} |"));
            }
        }
    }

    private static async Task<JsonArray> StorageTimesAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/dev/storage-calls");
        return response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync())!["times"]?.AsArray() ?? [] : [];
    }

    private sealed class Upload
    {
        public required string Employer { get; init; }
        public DateTimeOffset Started { get; init; }
        public DateTimeOffset Answered { get; set; }
        public double HttpMs { get; set; }
        public HttpStatusCode Status { get; set; }
        public DateTimeOffset? Mailed { get; set; }
    }

    private static async Task<ConcurrentDictionary<string, Upload>> DriveAsync(HttpClient client, List<(string Iin, string Token)> graduates, List<byte[]> files, int concurrency)
    {
        var uploads = new ConcurrentDictionary<string, Upload>();
        var next = -1;
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < graduates.Count)
            {
                var employer = $"hr{index}@school{graduates[index].Iin}.kz";
                var upload = new Upload { Employer = employer, Started = TimeProvider.System.GetUtcNow() };
                uploads[employer] = upload;
                var watch = Stopwatch.StartNew();
                using var response = await client.SendAsync(UploadRequest(graduates[index].Token, employer, files[index]));
                upload.HttpMs = watch.Elapsed.TotalMilliseconds;
                upload.Answered = TimeProvider.System.GetUtcNow();
                upload.Status = response.StatusCode;
                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    Console.Error.WriteLine($"upload {index}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        });
        await Task.WhenAll(workers);
        return uploads;
    }

    private static HttpRequestMessage UploadRequest(string token, string employerEmail, byte[] file)
    {
        var metadata = new
        {
            employerBin = "140540000015",
            employerName = "Ақсу ауылының жалпы орта білім беретін мектебі",
            employerEmail,
            organisationKind = "education",
            ownership = "state",
            region = "akmola",
            settlementType = "village",
            position = "мұғалім",
            startDate = "2025-09-01",
        };
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/me/documents")
        {
            Content = new MultipartFormDataContent
            {
                { new StringContent("employment-confirmation"), "kind" },
                { new StringContent(JsonSerializer.Serialize(metadata)), "metadata" },
                { content, "file", "contract.pdf" },
            },
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    /// <summary>Polls the capture endpoint and records when each employer's request arrived (its ReceivedAt).</summary>
    private static async Task<int> AwaitEmployerMailAsync(HttpClient client, ConcurrentDictionary<string, Upload> uploads, TimeSpan within)
    {
        var until = TimeProvider.System.GetUtcNow() + within;
        while (TimeProvider.System.GetUtcNow() < until)
        {
            var mails = JsonNode.Parse(await client.GetStringAsync("/dev/mail"))!.AsArray();
            foreach (var mail in mails)
            {
                foreach (var to in mail!["to"]!.AsArray())
                {
                    if (uploads.TryGetValue(to!.GetValue<string>(), out var upload) && upload.Mailed is null)
                    {
                        upload.Mailed = mail["receivedAt"]!.GetValue<DateTimeOffset>();
                    }
                }
            }

            if (uploads.Values.All(u => u.Mailed is not null || u.Status != HttpStatusCode.Accepted))
            {
                break;
            }

            await Task.Delay(100);
        }

        return uploads.Values.Count(u => u.Mailed is not null);
    }

    private static async Task RegisterAsync(HttpClient client, string operatorToken, string iin)
    {
        var body = new
        {
            iin,
            fullName = "Айгерім Сапарова",
            email = $"g{iin}@example.kz",
            language = "kk",
            category = "rural-quota",
            level = "bachelor",
            specialtyGroup = "pedagogical",
            graduationDate = "2025-06-20",
            admissionYear = 2021,
            budgetCost = 3600000,
            university = "ЕҰУ",
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/graduates") { Content = JsonContent(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", operatorToken);
        using var response = await client.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"registration failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static StringContent JsonContent(object body) => new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");

    /// <summary>Storage calls the app's clients made so far (the local host's counter), or null when it has none.</summary>
    private static async Task<long?> StorageCallsAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/dev/storage-calls");
        return response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync())!["calls"]!.GetValue<long>() : null;
    }

    /// <summary>The storage's own pace at the same concurrency: one blob put and one entity insert per operation.</summary>
    private static async Task<double> RawReferenceAsync(int concurrency, List<byte[]> files)
    {
        var connection = Environment.GetEnvironmentVariable("AzureWebJobsStorage")!;
        var container = new BlobServiceClient(connection).GetBlobContainerClient("benchraw");
        await container.CreateIfNotExistsAsync();
        var table = new TableServiceClient(connection).GetTableClient("benchraw");
        await table.CreateIfNotExistsAsync();
        var run = Guid.NewGuid().ToString("N");
        await table.AddEntityAsync(new TableEntity(run, "warm-up"));
        var count = Math.Max(40, 2 * files.Count);
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < count)
            {
                await container.GetBlobClient($"{run}/{index}").UploadAsync(new BinaryData(files[index % files.Count]));
                await table.AddEntityAsync(new TableEntity(run, index.ToString(Invariant)) { ["Status"] = "received" });
            }
        }));
        return count / watch.Elapsed.TotalSeconds;
    }

    private static string Percentiles(List<double> values)
    {
        if (values.Count == 0)
        {
            return "– / – / –";
        }

        values.Sort();
        double At(double quantile) => values[Math.Min(values.Count - 1, (int)Math.Ceiling(quantile * values.Count) - 1)];
        return string.Create(Invariant, $"{At(0.50):N0} / {At(0.95):N0} / {At(0.99):N0}");
    }

    private static string Rss(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? "?" : (long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], Invariant) / 1024).ToString(Invariant);
    }

    private static byte[] Pdf()
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(UglyToad.PdfPig.Fonts.Standard14Fonts.Standard14Font.Helvetica);
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        page.AddText($"Employment contract {Guid.NewGuid():N}", 12, new UglyToad.PdfPig.Core.PdfPoint(50, 700), font);
        return builder.Build();
    }

    /// <summary>Valid IINs with distinct birth dates and serials (born 1998–2003, check digit last).</summary>
    private sealed class IinSource(int seed)
    {
        private readonly Random random = new(seed);
        private readonly HashSet<string> seen = [];

        public string Next()
        {
            while (true)
            {
                var birth = new DateOnly(1998, 1, 1).AddDays(random.Next(0, 2000));
                var first11 = string.Create(Invariant, $"{birth:yyMMdd}{(birth.Year >= 2000 ? 5 : 3)}{random.Next(0, 10000):D4}");
                var check = TwelveDigit.CheckDigit(first11);
                if (check >= 0 && seen.Add(first11))
                {
                    return $"{first11}{check}";
                }
            }
        }
    }
}
