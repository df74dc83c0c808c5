using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Otrabotka.Domain;
using Otrabotka.Functions.Configuration;
using Otrabotka.Functions.UseCases;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.Http;

/// <summary>Graduates act on their own data under /api/me: the IIN comes from the token, never the route.</summary>
public sealed class GraduateFunctions(RequestParsing parse, Graduates graduates, Obligations obligations, Documents documents, Confirmations confirmations, IOptions<OtrabotkaSettings> settings, TimeProvider time)
{
    public const long MaxUploadBytes = FileRules.MaxBytes;

    [Function("GetMe")]
    public async Task<IActionResult> GetMe([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/me")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (g, failure) = await parse.GraduateAsync(request, cancellationToken);
        return failure ?? Outcome<GraduateView>.Ok(GraduateView.Of(g!, Problems.LanguageOf(request))).ToResult(request);
    }

    [Function("PatchMe")]
    public async Task<IActionResult> PatchMe([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "api/me")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (g, failure) = await parse.GraduateAsync(request, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var (body, bad) = await RequestParsing.JsonAsync(request, cancellationToken);
        return bad ?? (await graduates.UpdateContactAsync(g!.Iin, body!, Problems.LanguageOf(request), cancellationToken)).ToResult(request);
    }

    [Function("GetMyObligation")]
    public async Task<IActionResult> GetMyObligation([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/me/obligation")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (g, failure) = await parse.GraduateAsync(request, cancellationToken);
        return failure ?? (await obligations.ForIdAsync(g!.Id, Problems.LanguageOf(request), cancellationToken)).ToResult(request);
    }

    [Function("SubmitMyDocument")]
    public async Task<IActionResult> SubmitMyDocument([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/me/documents")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (g, failure) = await parse.GraduateAsync(request, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var (submission, bad) = await ReadMultipartAsync(request, cancellationToken);
        return bad ?? (await documents.SubmitAsync(g!, "graduate", submission!, request.Headers["Idempotency-Key"].FirstOrDefault(), "POST api/me/documents", cancellationToken))
            .ToResult(request, v => v.StatusUrl);
    }

    [Function("CreateMyUpload")]
    public async Task<IActionResult> CreateMyUpload([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/me/documents/uploads")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (g, failure) = await parse.GraduateAsync(request, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var (body, bad) = await RequestParsing.JsonAsync(request, cancellationToken);
        return bad ?? (await documents.CreateUploadAsync(g!, body!, cancellationToken)).ToResult(request, v => v.StatusUrl);
    }

    [Function("CompleteMyUpload")]
    public async Task<IActionResult> CompleteMyUpload([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/me/documents/{id}/complete")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (g, failure) = await parse.GraduateAsync(request, cancellationToken);
        return failure ?? (await documents.CompleteAsync(g!, id, Problems.LanguageOf(request), cancellationToken)).ToResult(request);
    }

    [Function("ListMyDocuments")]
    public async Task<IActionResult> ListMyDocuments([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/me/documents")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (g, failure) = await parse.GraduateAsync(request, cancellationToken);
        return failure ?? (await documents.ListAsync(g!, Problems.LanguageOf(request), cancellationToken)).ToResult(request);
    }

    [Function("GetMyDocument")]
    public async Task<IActionResult> GetMyDocument([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/me/documents/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (g, failure) = await parse.GraduateAsync(request, cancellationToken);
        return failure ?? (await documents.ViewAsync(g!, id, Problems.LanguageOf(request), false, cancellationToken)).ToResult(request);
    }

    [Function("WithdrawMyDocument")]
    public async Task<IActionResult> WithdrawMyDocument([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/me/documents/{id}/withdraw")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (g, failure) = await parse.GraduateAsync(request, cancellationToken);
        return failure ?? (await documents.WithdrawAsync(g!, id, Problems.LanguageOf(request), cancellationToken)).ToResult(request);
    }

    [Function("ContestMyDocument")]
    public async Task<IActionResult> ContestMyDocument([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/me/documents/{id}/contest")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (g, failure) = await parse.GraduateAsync(request, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var (body, bad) = await RequestParsing.JsonAsync(request, cancellationToken);
        return bad ?? (await documents.ContestAsync(g!, id, body!, Problems.LanguageOf(request), cancellationToken)).ToResult(request);
    }

    [Function("ReissueMyEmployerLink")]
    public async Task<IActionResult> ReissueMyEmployerLink([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/me/documents/{id}/employer-link")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (g, failure) = await parse.GraduateAsync(request, cancellationToken);
        return failure ?? (await confirmations.ReissueAsync(g!, id, settings.Value.PublicBaseUrl, time, Problems.LanguageOf(request), cancellationToken)).ToResult(request);
    }

    /// <summary>Multipart kind + metadata + file; the file's size is checked before it is read.</summary>
    public static async Task<(DocumentSubmission? Submission, IActionResult? Failure)> ReadMultipartAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return (null, Problems.Create(request, new Problem(415, "unsupported-media-type", TextCatalog.Default.Text("problems.unsupported-media-type", ("mediaType", "multipart/form-data")))));
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            return (null, Problems.Create(request, new Problem(400, "invalid-multipart", TextCatalog.Default.Text("problems.invalid-multipart", ("mediaType", "multipart/form-data")))));
        }

        var file = form.Files.GetFile("file");
        if (file is { Length: > MaxUploadBytes })
        {
            return (null, Problems.Create(request, new Problem(413, FileRules.TooLarge.Code, FileRules.TooLarge.Message)));
        }

        byte[]? bytes = null;
        if (file is not null)
        {
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, cancellationToken);
            bytes = buffer.ToArray();
        }

        return (new DocumentSubmission(form["kind"].FirstOrDefault(), form["metadata"].FirstOrDefault(), bytes), null);
    }
}
