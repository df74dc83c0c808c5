using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Otrabotka.Domain;
using Otrabotka.Functions.Configuration;
using Otrabotka.Functions.Http;

namespace Otrabotka.Benchmarks;

/// <summary>
/// The fault suite's driver (scripts/fault-suite.sh starts the host and breaks things around it). A burst:
/// C concurrent graduates register and upload for a while, retrying as a client would (same
/// Idempotency-Key); then every employer whose e-mail came confirms through the link. It prints requests,
/// faulted answers, what was lost (an accepted upload with no employer e-mail, an accepted confirmation with
/// no status change or no e-mail to the graduate) and what was doubled (two messages of one kind to one
/// person; the same notificationId sent twice is ADR 0003's window and counted apart).
/// </summary>
public static class FaultSuite
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static long requests;
    private static long faults;

    /// <summary>How long the driver waits for e-mails after a burst (FAULT_WAIT_SECONDS, default 420: a row whose
    /// queue message was lost with storage is re-queued by the outbox sweeper after 5 minutes).</summary>
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("FAULT_WAIT_SECONDS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var wait) ? wait : 420);

    public static async Task<int> BurstAsync(string baseUrl, int seconds, int concurrency, string label)
    {
        using var client = Client(baseUrl);
        var auth = new AuthSettings { SigningKey = Environment.GetEnvironmentVariable("BENCH_SIGNING_KEY"), Issuer = "otrabotka-local", Audience = "otrabotka" };
        var operatorToken = Authenticator.MintDevelopmentToken(auth, TimeProvider.System, "operator", "fault-operator");
        var accepted = new ConcurrentBag<Graduate>();
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(seconds);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (TimeProvider.System.GetUtcNow() < deadline)
            {
                var graduate = new Graduate(Iin());
                if (await RetryAsync(() => Register(operatorToken, graduate), HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.Conflict) is null)
                {
                    continue;
                }

                var token = Authenticator.MintDevelopmentToken(auth, TimeProvider.System, "graduate", graduate.Iin);
                var key = Guid.NewGuid().ToString("N");
                // A retry sends the same request again: same key, same bytes.
                var answer = await RetryAsync(UploadFactory(token, graduate, key, Pdf.Make()), HttpStatusCode.Accepted);
                if (answer is not null)
                {
                    graduate.DocumentId = JsonNode.Parse(answer)!["id"]!.GetValue<string>();
                    graduate.Token = token;
                    accepted.Add(graduate);
                }
            }
        }));

        var uploads = accepted.ToList();
        Console.Error.WriteLine(string.Create(Invariant, $"[{Now()}] burst over: {requests} requests, {uploads.Count} uploads accepted; waiting for the employers' e-mails"));
        var employerMails = await AwaitMailAsync(client, operatorToken, uploads.Select(g => g.Employer).ToList(), MailWait, "employer e-mails");
        var confirmed = new ConcurrentBag<Graduate>();
        await Task.WhenAll(uploads.Chunk(Math.Max(1, uploads.Count / concurrency + 1)).Select(async chunk =>
        {
            foreach (var graduate in chunk)
            {
                if (!employerMails.TryGetValue(graduate.Employer, out var link))
                {
                    continue;
                }

                graduate.MailsBeforeDecision = await CountMailAsync(client, graduate.Email);
                if (await RetryAsync(() => Decide(link), HttpStatusCode.OK) is not null)
                {
                    confirmed.Add(graduate);
                }
            }
        }));

        Console.Error.WriteLine(string.Create(Invariant, $"[{Now()}] {confirmed.Count} confirmations accepted; waiting for their statuses and the graduates' e-mails"));
        var (lostStatus, lostMail) = await AwaitDecisionsAsync(client, operatorToken, confirmed.ToList());

        var (doubled, resent) = await DoublesAsync(client);
        var lostUploads = uploads.Count(g => !employerMails.ContainsKey(g.Employer));
        Console.WriteLine(string.Create(Invariant,
            $"| {label} | {requests} | {faults} | {uploads.Count} | {confirmed.Count} | {lostUploads} | {lostStatus} | {lostMail} | {doubled} | {resent} |"));
        return lostUploads + lostStatus + lostMail + doubled == 0 && uploads.Count > 0 && confirmed.Count > 0 ? 0 : 1;

        HttpRequestMessage Decide(string link) => Json(HttpMethod.Post, "/api/confirmations/decision", null, new { token = link, decision = "confirm", confirmerName = "Б. Омаров", confirmerPosition = "HR" });

        async Task<string?> RetryAsync(Func<HttpRequestMessage> request, params HttpStatusCode[] done)
        {
            var giveUp = TimeProvider.System.GetUtcNow().AddSeconds(150);
            while (TimeProvider.System.GetUtcNow() < giveUp)
            {
                Interlocked.Increment(ref requests);
                try
                {
                    using var response = await client.SendAsync(request());
                    var body = await response.Content.ReadAsStringAsync();
                    if (done.Contains(response.StatusCode))
                    {
                        return body;
                    }

                    if ((int)response.StatusCode < 500 && response.StatusCode != HttpStatusCode.TooManyRequests)
                    {
                        Interlocked.Increment(ref faults);
                        Console.Error.WriteLine($"refused: {(int)response.StatusCode} {body}");
                        return null;
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                {
                }

                Interlocked.Increment(ref faults);
                await Task.Delay(1000);
            }

            return null;
        }
    }

    /// <summary>A blob event delivered three times (and late): the upload's file lands, the blob trigger fires,
    /// and /complete is called twice more, at once. One outcome per blob: the document awaits its employer and
    /// the employer has exactly one e-mail. Bounded: each request has the client's timeout, the wait 120 s.</summary>
    public static async Task<int> TwiceAsync(string baseUrl, int count)
    {
        using var client = Client(baseUrl);
        var auth = new AuthSettings { SigningKey = Environment.GetEnvironmentVariable("BENCH_SIGNING_KEY"), Issuer = "otrabotka-local", Audience = "otrabotka" };
        var operatorToken = Authenticator.MintDevelopmentToken(auth, TimeProvider.System, "operator", "fault-operator");
        var graduates = new List<Graduate>();
        var unexpected = 0;
        seeded = new Random(2929);
        for (var index = 0; index < count; index++)
        {
            var graduate = new Graduate(Iin());
            graduate.Token = Authenticator.MintDevelopmentToken(auth, TimeProvider.System, "graduate", graduate.Iin);
            if (await UploadedOnceAsync(client, operatorToken, graduate) is not { } completions)
            {
                continue;
            }

            // The trigger and the two late calls: each call is answered 200 (the first decides, the others find it
            // decided); another answer is counted and shown, the outcome is what must be one.
            unexpected += completions.Count(status => status != 200);
            if (completions.Any(status => status != 200))
            {
                Console.Error.WriteLine(string.Create(Invariant, $"complete answered {string.Join(", ", completions)}"));
            }

            graduates.Add(graduate);
        }

        await AwaitMailAsync(client, operatorToken, graduates.Select(g => g.Employer).ToList(), TimeSpan.FromSeconds(120), "employer e-mails");
        await Task.Delay(TimeSpan.FromSeconds(10));
        var mails = await MailAsync(client);
        var lost = 0;
        var doubled = 0;
        var outcomes = 0;
        foreach (var graduate in graduates)
        {
            var toEmployer = mails.Count(m => m!["to"]!.AsArray().Any(t => t!.GetValue<string>() == graduate.Employer));
            lost += toEmployer == 0 ? 1 : 0;
            doubled += toEmployer > 1 ? 1 : 0;
            outcomes += await StatusAsync(client, graduate) == "awaiting-employer" ? 1 : 0;
        }

        Console.Error.WriteLine(string.Create(Invariant, $"[{Now()}] {graduates.Count}/{count} documents uploaded; awaiting their employer: {outcomes}; unexpected answers: {unexpected}"));
        Console.WriteLine(string.Create(Invariant,
            $"| blob event delivered 3 times (trigger + 2 × /complete) | {requests} | {unexpected} | {graduates.Count} | – | {lost} | {graduates.Count - outcomes} | – | {doubled} | – |"));
        return lost + doubled == 0 && outcomes == count ? 0 : 1;
    }

    /// <summary>Registers, starts a direct upload, PUTs the file and calls /complete twice at once; the two answers' statuses, or null if a step failed.</summary>
    private static async Task<int[]?> UploadedOnceAsync(HttpClient client, string operatorToken, Graduate graduate)
    {
        Interlocked.Add(ref requests, 5);
        using var registered = await client.SendAsync(Register(operatorToken, graduate));
        using var created = await client.SendAsync(Json(HttpMethod.Post, "/api/me/documents/uploads", graduate.Token, new { kind = "employment-confirmation", metadata = JsonSerializer.Serialize(Metadata(graduate)) }));
        if (registered.StatusCode != HttpStatusCode.Created || !created.IsSuccessStatusCode)
        {
            var body = await created.Content.ReadAsStringAsync();
            Console.Error.WriteLine(string.Create(Invariant, $"refused: register {(int)registered.StatusCode}, upload {(int)created.StatusCode} {body}"));
            return null;
        }

        var upload = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        graduate.DocumentId = upload["id"]!.GetValue<string>();
        using var put = new HttpRequestMessage(HttpMethod.Put, upload["uploadUrl"]!.GetValue<string>()) { Content = new ByteArrayContent(Pdf.Make()) };
        put.Headers.Add("x-ms-blob-type", "BlockBlob");
        using var stored = await client.SendAsync(put);
        if (!stored.IsSuccessStatusCode)
        {
            Console.Error.WriteLine(string.Create(Invariant, $"refused: file PUT {(int)stored.StatusCode}"));
            return null;
        }

        return await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            using var complete = await client.SendAsync(Json(HttpMethod.Post, $"/api/me/documents/{graduate.DocumentId}/complete", graduate.Token, new { }));
            return (int)complete.StatusCode;
        }));
    }

    private sealed class Graduate(string iin)
    {
        public string Iin { get; } = iin;
        public string Email => $"g{Iin}@example.kz";
        public string Employer => $"hr@school{Iin}.kz";
        public string DocumentId { get; set; } = "";
        public string Token { get; set; } = "";
        public int MailsBeforeDecision { get; set; }
    }

    private static HttpClient Client(string baseUrl) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };

    private static HttpRequestMessage Register(string operatorToken, Graduate graduate) => Json(HttpMethod.Post, "/api/graduates", operatorToken, new
    {
        iin = graduate.Iin, fullName = "Айгерім Сапарова", email = graduate.Email, language = "kk", category = "rural-quota", level = "bachelor",
        specialtyGroup = "pedagogical", graduationDate = "2025-06-20", admissionYear = 2021, budgetCost = 3600000, university = "ЕҰУ",
    });

    private static object Metadata(Graduate graduate) => new
    {
        employerBin = "140540000015", employerName = "Ақсу ауылының мектебі", employerEmail = graduate.Employer, organisationKind = "education",
        ownership = "state", region = "akmola", settlementType = "village", position = "мұғалім", startDate = "2025-09-01",
    };

    private static Func<HttpRequestMessage> UploadFactory(string token, Graduate graduate, string key, byte[] file) => () =>
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/me/documents")
        {
            Content = new MultipartFormDataContent
            {
                { new StringContent("employment-confirmation"), "kind" },
                { new StringContent(JsonSerializer.Serialize(Metadata(graduate))), "metadata" },
                { content, "file", "contract.pdf" },
            },
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Idempotency-Key", key);
        return request;
    };

    private static HttpRequestMessage Json(HttpMethod method, string path, string? token, object body)
    {
        var request = new HttpRequestMessage(method, path) { Content = new StringContent(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    private static async Task<string?> StatusAsync(HttpClient client, Graduate graduate)
    {
        try
        {
            using var response = await client.SendAsync(Json(HttpMethod.Get, $"/api/me/documents/{graduate.DocumentId}", graduate.Token, new { }));
            return response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync())!["status"]?.GetValue<string>() : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static async Task<int> CountMailAsync(HttpClient client, string to) =>
        (await MailAsync(client, $"/dev/mail?to={Uri.EscapeDataString(to)}")).Count;

    /// <summary>The capture's messages, or none while the host does not answer (a dead host shows as lost).</summary>
    private static async Task<JsonArray> MailAsync(HttpClient client, string path = "/dev/mail")
    {
        try
        {
            return JsonNode.Parse(await client.GetStringAsync(path))!.AsArray();
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return [];
        }
    }

    /// <summary>Waits (bounded) for a mail to each address, printing progress; returns the employer link token found in each.</summary>
    private static async Task<Dictionary<string, string>> AwaitMailAsync(HttpClient client, string operatorToken, List<string> addresses, TimeSpan within, string what)
    {
        var found = new Dictionary<string, string>();
        var wanted = addresses.ToHashSet();
        var until = TimeProvider.System.GetUtcNow() + within;
        var progress = new Progress(client, operatorToken, what);
        while (found.Count < wanted.Count && TimeProvider.System.GetUtcNow() < until)
        {
            await progress.ReportAsync(found.Count, wanted.Count);
            foreach (var mail in await MailAsync(client))
            {
                var to = mail!["to"]!.AsArray().Select(t => t!.GetValue<string>()).FirstOrDefault(wanted.Contains);
                var text = mail["text"]!.GetValue<string>();
                var at = text.IndexOf("#t=", StringComparison.Ordinal);
                if (to is not null && at >= 0)
                {
                    found[to] = new string(text[(at + 3)..].TakeWhile(c => !char.IsWhiteSpace(c)).ToArray());
                }
            }

            await Task.Delay(500);
        }

        await progress.ReportAsync(found.Count, wanted.Count, final: true);
        return found;
    }

    /// <summary>Waits (bounded by the same wait) until every confirmed document is accepted and its graduate has a new e-mail; counts what never came.</summary>
    private static async Task<(int LostStatus, int LostMail)> AwaitDecisionsAsync(HttpClient client, string operatorToken, List<Graduate> confirmed)
    {
        var waiting = confirmed.ToList();
        var until = TimeProvider.System.GetUtcNow() + MailWait;
        var progress = new Progress(client, operatorToken, "decisions (status + graduate e-mail)");
        while (waiting.Count > 0 && TimeProvider.System.GetUtcNow() < until)
        {
            await progress.ReportAsync(confirmed.Count - waiting.Count, confirmed.Count);
            var settled = new List<Graduate>();
            foreach (var graduate in waiting)
            {
                if (await StatusAsync(client, graduate) == "accepted" && await CountMailAsync(client, graduate.Email) > graduate.MailsBeforeDecision)
                {
                    settled.Add(graduate);
                }
            }

            waiting.RemoveAll(settled.Contains);
            if (waiting.Count > 0)
            {
                await Task.Delay(500);
            }
        }

        await progress.ReportAsync(confirmed.Count - waiting.Count, confirmed.Count, final: true);
        var lostStatus = 0;
        var lostMail = 0;
        foreach (var graduate in waiting)
        {
            lostStatus += await StatusAsync(client, graduate) == "accepted" ? 0 : 1;
            lostMail += await CountMailAsync(client, graduate.Email) > graduate.MailsBeforeDecision ? 0 : 1;
        }

        return (lostStatus, lostMail);
    }

    private static string Now() => TimeProvider.System.GetUtcNow().ToString("HH:mm:ss", Invariant);

    /// <summary>Prints "delivered so far / expected" every 10 s while the driver waits, with the notifications the
    /// host has marked failed for good (GET /api/notifications/failed) — a wait on those would never end by itself.</summary>
    private sealed class Progress(HttpClient client, string operatorToken, string what)
    {
        private DateTimeOffset next = TimeProvider.System.GetUtcNow().AddSeconds(10);

        public async Task ReportAsync(int done, int expected, bool final = false)
        {
            if (!final && TimeProvider.System.GetUtcNow() < next)
            {
                return;
            }

            next = TimeProvider.System.GetUtcNow().AddSeconds(10);
            var failed = await FailedCountAsync(client, operatorToken);
            Console.Error.WriteLine(string.Create(Invariant,
                $"[{Now()}] {what}: {done}/{expected}{(final ? " (wait over)" : "")}; notifications failed for good: {failed}"));
        }
    }

    private static async Task<string> FailedCountAsync(HttpClient client, string operatorToken)
    {
        try
        {
            using var response = await client.SendAsync(Json(HttpMethod.Get, "/api/notifications/failed", operatorToken, new { }));
            return response.IsSuccessStatusCode
                ? JsonNode.Parse(await response.Content.ReadAsStringAsync())!["items"]!.AsArray().Count.ToString(Invariant)
                : $"? ({(int)response.StatusCode})";
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return "? (no answer)";
        }
    }

    /// <summary>Messages of one kind (recipient + subject) sent more than once: doubled, or the same notificationId resent.</summary>
    private static async Task<(int Doubled, int Resent)> DoublesAsync(HttpClient client)
    {
        var mails = await MailAsync(client);
        var doubled = 0;
        var resent = 0;
        foreach (var group in mails.GroupBy(m => (string.Join(",", m!["to"]!.AsArray().Select(t => t!.GetValue<string>())), m["subject"]!.GetValue<string>())).Where(g => g.Count() > 1))
        {
            var ids = group.Select(m => m!["customArgs"]?["notificationId"]?.GetValue<string>()).Distinct().Count();
            if (ids == 1)
            {
                resent++;
            }
            else
            {
                doubled++;
            }
        }

        return (doubled, resent);
    }

    private static readonly HashSet<string> Issued = [];
    /// <summary>IINs drawn from a fixed seed; phase 3 draws from another (it runs on phase 2's storage, where phase 2's IINs are registered).</summary>
    private static Random seeded = new(1717);

    /// <summary>A valid IIN not issued before in this run (born 1998–2003).</summary>
    private static string Iin()
    {
        lock (Issued)
        {
            while (true)
            {
                var birth = new DateOnly(1998, 1, 1).AddDays(seeded.Next(0, 2000));
                var first11 = string.Create(Invariant, $"{birth:yyMMdd}{(birth.Year >= 2000 ? 5 : 3)}{seeded.Next(0, 10000):D4}");
                var check = TwelveDigit.CheckDigit(first11);
                if (check >= 0 && Issued.Add(first11))
                {
                    return $"{first11}{check}";
                }
            }
        }
    }

    private static class Pdf
    {
        public static byte[] Make()
        {
            var builder = new UglyToad.PdfPig.Writer.PdfDocumentBuilder();
            var font = builder.AddStandard14Font(UglyToad.PdfPig.Fonts.Standard14Fonts.Standard14Font.Helvetica);
            var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
            page.AddText($"Employment contract {Guid.NewGuid():N}", 12, new UglyToad.PdfPig.Core.PdfPoint(50, 700), font);
            return builder.Build();
        }
    }
}
