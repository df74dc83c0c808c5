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
        new(Refusal.TooManyRequests, "employer-mail-limit", TextCatalog.Default.Text("problems.employer-mail-limit"),
            Extensions: new Dictionary<string, object?> { [RetryAfterSeconds] = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) });

    /// <summary>The extension naming the seconds to wait; the HTTP edge also sends it as the Retry-After header.</summary>
    public const string RetryAfterSeconds = "retryAfterSeconds";

    /// <summary>A move the document's status machine refuses.</summary>
    public static Problem Refused(Reason reason) => new(Refusal.Conflict, reason.Code, reason.Message);
}
