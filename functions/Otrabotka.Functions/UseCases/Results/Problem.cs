using Otrabotka.Domain;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.UseCases;

/// <summary>A refusal a use case returns instead of a value: its named outcome, a stable code and the text.</summary>
public sealed record Problem(Refusal Kind, string Code, Text Detail, IReadOnlyList<FieldError>? Errors = null, IReadOnlyDictionary<string, object?>? Extensions = null)
{
    public static Problem NotFound => new(Refusal.NotFound, "not-found", TextCatalog.Default.Text("problems.not-found"));

    public static Problem BadContinuationToken => new(Refusal.Invalid, "invalid-continuation-token",
        TextCatalog.Default.Text("problems.invalid-continuation-token"));

    /// <summary>The retry policy gave up: the record kept changing under us.</summary>
    public static Problem ConcurrentUpdate => new(Refusal.Conflict, "concurrent-update", TextCatalog.Default.Text("problems.concurrent-update"));

    public static Problem Invalid(IReadOnlyList<FieldError> errors) =>
        new(Refusal.Invalid, "validation-failed", TextCatalog.Default.Text("problems.validation-failed"), errors);

    public static Problem FromReasons(Refusal kind, string code, IEnumerable<Reason> reasons, string field) =>
        new(kind, code, TextCatalog.Default.Text("problems.rules-broken"), reasons.Select(r => new FieldError(field, r.Code, r.Message)).ToList());

    /// <summary>The graduate's daily limit of e-mails to employers is reached (issue 11, M3): retry after <paramref name="retryAfter"/>, answered as Retry-After.</summary>
    public static Problem EmployerMailLimit(TimeSpan retryAfter) =>
        new Problem(Refusal.TooManyRequests, "employer-mail-limit", TextCatalog.Default.Text("problems.employer-mail-limit")).RetryingAfter(retryAfter);

    /// <summary>The extension naming the seconds to wait; the HTTP edge also sends it as the Retry-After header.</summary>
    public const string RetryAfterSeconds = "retryAfterSeconds";

    /// <summary>Whole seconds to wait, at least one: what <see cref="RetryingAfter"/> records.</summary>
    public static int SecondsOf(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    /// <summary>
    /// This problem with the wait before a retry as its <see cref="RetryAfterSeconds"/> extension (whole seconds, at
    /// least one). Every 429 and 503 carries it; the HTTP edge sends the same number as Retry-After.
    /// </summary>
    public Problem RetryingAfter(TimeSpan wait) => this with
    {
        Extensions = new Dictionary<string, object?>(Extensions ?? new Dictionary<string, object?>()) { [RetryAfterSeconds] = SecondsOf(wait) },
    };

    /// <summary>The seconds of the <see cref="RetryAfterSeconds"/> extension, if this problem carries one.</summary>
    public int? RetryAfter => Extensions?.GetValueOrDefault(RetryAfterSeconds) as int?;

    /// <summary>A move the document's status machine refuses.</summary>
    public static Problem Refused(Reason reason) => new(Refusal.Conflict, reason.Code, reason.Message);
}
