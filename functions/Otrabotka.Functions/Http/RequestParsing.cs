using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Otrabotka.Domain;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.Http;

/// <summary>Reading requests: JSON bodies into fields, query strings, and the caller's graduate record.</summary>
public sealed class RequestParsing(Authenticator auth, GraduateLookup graduates)
{
    public const long MaxJsonBytes = 64 * 1024;

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    public static async Task<(Fields? Fields, IActionResult? Failure)> JsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // application/json, or a JSON flavour such as application/merge-patch+json for PATCH /api/me.
        var mediaType = request.ContentType?.Split(';')[0].Trim() ?? "";
        if (!mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) && !mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Problems.Create(request, new Problem(Refusal.UnsupportedMediaType, "unsupported-media-type", TextCatalog.Default.Text("problems.unsupported-media-type", ("mediaType", "application/json")))));
        }

        if (request.ContentLength > MaxJsonBytes || await ReadBoundedAsync(request.Body, MaxJsonBytes, cancellationToken) is not { } bytes)
        {
            // Checked while reading too: a chunked body has no Content-Length.
            return (null, Problems.Create(request, new Problem(Refusal.TooLarge, "body-too-large", TextCatalog.Default.Text("problems.body-too-large"))));
        }

        Fields fields;
        try
        {
            // A UTF-8 byte order mark is allowed (some clients write one); a property named twice is not (which one
            // counts would be a guess).
            var json = bytes.Span.StartsWith(Utf8Bom) ? bytes[Utf8Bom.Length..] : bytes;
            using var document = Fields.ParseStrict(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new JsonException();
            }

            fields = Fields.FromJson(document.RootElement);
        }
        catch (JsonException)
        {
            return (null, Problems.Create(request, new Problem(Refusal.Invalid, "invalid-json", TextCatalog.Default.Text("problems.invalid-json"))));
        }

        return fields.Errors.Count > 0 ? (null, Problems.Create(request, Problem.Invalid(fields.Errors))) : (fields, null);
    }

    /// <summary>The body's bytes, or null as soon as more than <paramref name="limit"/> arrive.</summary>
    public static async Task<ReadOnlyMemory<byte>?> ReadBoundedAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    /// <summary>
    /// A file upload's body refused for its type (415): not <paramref name="expected"/>, or declared in a charset other
    /// than UTF-8 (the body is read as UTF-8: a Windows-1251 file would be stored garbled). Null when it may be read.
    /// </summary>
    public static IActionResult? FileTypeRefusal(HttpRequest request, string expected)
    {
        if (request.ContentType is not { } type || !type.StartsWith(expected, StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Create(request, new Problem(Refusal.UnsupportedMediaType, "unsupported-media-type", TextCatalog.Default.Text("problems.unsupported-media-type", ("mediaType", expected))));
        }

        return Http.OpenApi.MediaTypes.OtherCharset(type) is { } charset
            ? Problems.Create(request, new Problem(Refusal.UnsupportedMediaType, "unsupported-charset", TextCatalog.Default.Text("problems.unsupported-charset", ("charset", charset))))
            : null;
    }

    public static Fields Query(HttpRequest request) =>
        new(request.Query.ToDictionary(q => q.Key, q => (string?)q.Value.ToString(), StringComparer.Ordinal));

    /// <summary>The graduate behind a graduate's token (subject = IIN): 401/403 from the check, 404 if not registered.</summary>
    public async Task<(GraduateRecord? Graduate, IActionResult? Failure)> GraduateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var authentication = await auth.RequireAsync(request, Roles.Graduate, cancellationToken);
        if (authentication.Failure is not null)
        {
            return (null, authentication.Failure);
        }

        var graduate = await graduates.FindByIinAsync(authentication.Caller!.Subject, cancellationToken);
        return graduate is null ? (null, Problems.Create(request, new Problem(Refusal.NotFound, "graduate-not-registered", TextCatalog.Default.Text("problems.graduate-not-registered")))) : (graduate, null);
    }

    /// <summary>
    /// The same checks as <see cref="GraduateAsync"/> up to the graduate's id (the token, the role, a valid IIN in
    /// the IIN index): for a use case that reads the graduate's live rows anyway, so the profile is read once, with
    /// them; the use case answers "graduate-not-registered" when the id has no profile.
    /// </summary>
    public async Task<(string? GraduateId, IActionResult? Failure)> GraduateIdAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var authentication = await auth.RequireAsync(request, Roles.Graduate, cancellationToken);
        if (authentication.Failure is not null)
        {
            return (null, authentication.Failure);
        }

        var graduateId = await graduates.IdByIinAsync(authentication.Caller!.Subject, cancellationToken);
        return graduateId is null ? (null, Problems.Create(request, new Problem(Refusal.NotFound, "graduate-not-registered", TextCatalog.Default.Text("problems.graduate-not-registered")))) : (graduateId, null);
    }

    /// <summary>An operator's call about a graduate named by the opaque id in the route.</summary>
    public async Task<(GraduateRecord? Graduate, IActionResult? Failure)> OperatorOnGraduateAsync(HttpRequest request, string graduateId, CancellationToken cancellationToken)
    {
        if (await OperatorAsync(request, cancellationToken) is { } failure)
        {
            return (null, failure);
        }

        var graduate = await graduates.GetAsync(graduateId, cancellationToken);
        return graduate is null ? (null, Problems.Create(request, Problem.NotFound)) : (graduate, null);
    }

    /// <summary>The operator the request was authenticated as (after <see cref="OperatorAsync"/>), as the actor of a change.</summary>
    public static Actor OperatorActor(HttpRequest request) =>
        Actor.Operator(request.HttpContext.Items[typeof(Caller)] is Caller caller ? caller.Subject : Roles.Operator);

    public async Task<IActionResult?> OperatorAsync(HttpRequest request, CancellationToken cancellationToken) =>
        (await auth.RequireAsync(request, Roles.Operator, cancellationToken)).Failure;

    /// <summary>The caller holding <paramref name="role"/> (their subject is the audit trail's "who"), or the 401/403.</summary>
    public Task<Authentication> CallerAsync(HttpRequest request, string role, CancellationToken cancellationToken) =>
        auth.RequireAsync(request, role, cancellationToken);
}
