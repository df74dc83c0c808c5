using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Otrabotka.LocalHost;

public sealed record CapturedMail(
    string Id, string From, IReadOnlyList<string> To, string Subject, string Text, string Html,
    DateTimeOffset ReceivedAt, IReadOnlyDictionary<string, string> CustomArgs);

/// <summary>
/// Stands in for SendGrid's API on the local host: accepts POST /v3/mail/send as SendGrid does (bearer
/// key checked, 202 with X-Message-Id), keeps the last 1,000 messages (__Capacity) in memory, and can answer 429 or
/// 500 for a set share of requests (LocalHost__MailCapture__FailureRate, __FailureStatus) or for each
/// message's first calls (__RefuseFirstCalls, counted by its notificationId) for fault tests. A refused call
/// keeps nothing: the capture refuses before it accepts, as SendGrid's 429 and 5xx do.
/// </summary>
public sealed class MailCapture(IConfiguration configuration, TimeProvider time)
{
    /// <summary>Messages kept (LocalHost__MailCapture__Capacity, default 1,000; the fault suite keeps more so a burst's first e-mails are still there to count).</summary>
    public int Capacity { get; } = Math.Max(1, configuration.GetValue("LocalHost:MailCapture:Capacity", 1000));
    private readonly ConcurrentQueue<CapturedMail> messages = new();
    private long sequence;

    /// <summary>Share of requests answered with <see cref="FailureStatus"/> (0 to 1), for fault tests; settable while running.</summary>
    public double FailureRate { get; set; } = configuration.GetValue("LocalHost:MailCapture:FailureRate", 0.0);

    /// <summary>The status of an injected refusal; 0 picks 429 or 500 at random.</summary>
    public int FailureStatus { get; set; } = configuration.GetValue("LocalHost:MailCapture:FailureStatus", 429);

    /// <summary>Refuses the first this-many calls for each message (by its notificationId custom arg), then accepts it; settable while running.</summary>
    public int RefuseFirstCalls { get; set; } = configuration.GetValue("LocalHost:MailCapture:RefuseFirstCalls", 0);

    private readonly ConcurrentDictionary<string, int> callsPerMessage = new();

    /// <summary>The statuses of the last requests the endpoint answered (fault tests read them); bounded like the messages.</summary>
    public ConcurrentQueue<int> Answers { get; } = new();

    private void Answered(int status)
    {
        Answers.Enqueue(status);
        while (Answers.Count > 10 * Capacity && Answers.TryDequeue(out _))
        {
        }
    }

    public IReadOnlyList<CapturedMail> Newest(string? to) =>
        messages.Reverse().Where(m => to is null || m.To.Any(t => string.Equals(t, to, StringComparison.OrdinalIgnoreCase))).ToList();

    public void Clear() => messages.Clear();

    public static void Map(WebApplication app)
    {
        app.MapPost("/v3/mail/send", (HttpContext context, MailCapture capture) => capture.Accept(context));
        app.MapGet("/dev/mail", (string? to, MailCapture capture) => Results.Json(capture.Newest(to), JsonSerializerOptions.Web));
        // The app's storage calls so far (the clients' pipeline counter), for the intake benchmark's calls per upload.
        // With how long they took by kind since the last DELETE (the benchmark's "where the time goes").
        app.MapGet("/dev/storage-calls", (Otrabotka.Functions.Storage.StorageCallCounter counter) => Results.Json(new { calls = counter.Total, times = counter.Times.Snapshot() }, JsonSerializerOptions.Web));
        app.MapDelete("/dev/storage-calls/times", (Otrabotka.Functions.Storage.StorageCallCounter counter) =>
        {
            counter.Times.Clear();
            return Results.NoContent();
        });
        app.MapDelete("/dev/mail", (MailCapture capture) =>
        {
            capture.Clear();
            return Results.NoContent();
        });
        app.MapGet("/dev/mail/view", (HttpContext context, string? to, MailCapture capture) =>
        {
            // Mail HTML keeps its inline styles (a srcdoc frame inherits this policy); no script runs but the viewer's own.
            context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; frame-ancestors 'none'; base-uri 'none'";
            return Results.Content(capture.Page(to), "text/html; charset=utf-8");
        });
        app.MapGet("/dev/mail/view.js", () => Results.Content(ViewerScript, "text/javascript; charset=utf-8"));
    }

    private async Task<IResult> Accept(HttpContext context)
    {
        var key = configuration["SendGrid:ApiKey"];
        if (string.IsNullOrEmpty(key) || context.Request.Headers.Authorization.ToString() != "Bearer " + key)
        {
            return Results.Json(new { errors = new[] { new { message = "The provided authorization grant is invalid, expired, or revoked" } } }, statusCode: 401);
        }

        if (FailureRate > 0 && Random.Shared.NextDouble() < FailureRate)
        {
            return Refuse();
        }

        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException)
        {
            return Results.Json(new { errors = new[] { new { message = "Bad Request" } } }, statusCode: 400);
        }

        var personalization = body?["personalizations"]?[0];
        var to = personalization?["to"]?.AsArray().Select(t => t?["email"]?.GetValue<string>() ?? "").ToList() ?? [];
        if (to.Count == 0)
        {
            return Results.Json(new { errors = new[] { new { message = "The to array is required for all personalization objects", field = "personalizations.0.to" } } }, statusCode: 400);
        }

        if (to.Any(t => !t.Contains('@', StringComparison.Ordinal)))
        {
            Answered(400);
            return Results.Json(new { errors = new[] { new { message = "Does not contain a valid address.", field = "personalizations.0.to.0.email" } } }, statusCode: 400);
        }

        var contents = body?["content"]?.AsArray() ?? [];
        string Content(string type) => contents.FirstOrDefault(c => c?["type"]?.GetValue<string>() == type)?["value"]?.GetValue<string>() ?? "";
        var args = new Dictionary<string, string>();
        foreach (var source in new[] { body?["custom_args"], personalization?["custom_args"] })
        {
            if (source is JsonObject obj)
            {
                foreach (var (k, v) in obj)
                {
                    args[k] = v?.ToString() ?? "";
                }
            }
        }

        if (RefuseFirstCalls > 0 && args.TryGetValue("notificationId", out var notificationId)
            && callsPerMessage.AddOrUpdate(notificationId, 1, (_, calls) => calls + 1) <= RefuseFirstCalls)
        {
            return Refuse();
        }

        var id = "local-" + Interlocked.Increment(ref sequence).ToString(CultureInfo.InvariantCulture);
        messages.Enqueue(new CapturedMail(
            id,
            body?["from"]?["email"]?.GetValue<string>() ?? "",
            to,
            personalization?["subject"]?.GetValue<string>() ?? body?["subject"]?.GetValue<string>() ?? "",
            Content("text/plain"),
            Content("text/html"),
            time.GetUtcNow(),
            args));
        while (messages.Count > Capacity && messages.TryDequeue(out _))
        {
        }

        context.Response.Headers["X-Message-Id"] = id;
        Answered(202);
        return Results.StatusCode(202);
    }

    private IResult Refuse()
    {
        var status = FailureStatus == 0 ? (Random.Shared.Next(2) == 0 ? 429 : 500) : FailureStatus;
        Answered(status);
        return Results.Json(new { errors = new[] { new { message = "capture fault injected" } } }, statusCode: status);
    }

    /// <summary>Sizes each message's frame to its content, so every message shows whole.</summary>
    private const string ViewerScript = """
        for (const frame of document.querySelectorAll('iframe.mail')) {
          const fit = () => { frame.style.height = (frame.contentDocument.documentElement.scrollHeight + 24) + 'px'; };
          frame.addEventListener('load', fit);
          if (frame.contentDocument && frame.contentDocument.readyState === 'complete') fit();
        }
        """;

    private string Page(string? to)
    {
        var html = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Otrabotka — dev mail</title>"
            + "<style>body{font-family:sans-serif;margin:1rem auto;padding:0 1rem;max-width:60rem}article{border:1px solid #ccc;border-radius:6px;margin:1rem 0;padding:1rem}"
            + "header{color:#555;font-size:.9rem}iframe.mail{width:100%;min-height:10rem;border:0;display:block}</style>"
            + "<script src=\"/dev/mail/view.js\" defer></script></head><body><h1>Dev mail</h1>");
        var list = Newest(to);
        html.Append(CultureInfo.InvariantCulture, $"<p>{list.Count} message(s), newest first. Links open in this window.</p>");
        foreach (var m in list)
        {
            html.Append(CultureInfo.InvariantCulture, $"<article><header>{WebUtility.HtmlEncode(m.ReceivedAt.ToString("u", CultureInfo.InvariantCulture))} · from {WebUtility.HtmlEncode(m.From)} · to {WebUtility.HtmlEncode(string.Join(", ", m.To))}</header>");

            // The frame may not run script; it shares the viewer's origin only so the viewer can measure it,
            // and its links open in the top window (the employer page refuses to be framed).
            var at = m.Html.IndexOf("<head>", StringComparison.OrdinalIgnoreCase);
            var body = at < 0 ? "<base target=\"_top\">" + m.Html : m.Html.Insert(at + "<head>".Length, "<base target=\"_top\">");
            html.Append(CultureInfo.InvariantCulture, $"<h2>{WebUtility.HtmlEncode(m.Subject)}</h2><iframe class=\"mail\" title=\"{WebUtility.HtmlEncode(m.Subject)}\" sandbox=\"allow-same-origin allow-top-navigation-by-user-activation allow-popups allow-popups-to-escape-sandbox\" srcdoc=\"{WebUtility.HtmlEncode(body)}\"></iframe></article>");
        }

        return html.Append("</body></html>").ToString();
    }
}
