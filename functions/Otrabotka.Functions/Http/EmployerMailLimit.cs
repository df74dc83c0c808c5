using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Otrabotka.Domain;
using Otrabotka.Functions.Notifications;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Http;

/// <summary>
/// The edge of the employer-mail limit: a graduate's request that would send an employer an e-mail (an
/// employment confirmation uploaded, a link re-issued) is counted first and answered 429 with
/// Retry-After past the day's limit (issue 11, M3).
/// </summary>
public sealed class EmployerMailLimit(EmployerMailQuota quota, GraduateRepository repository)
{
    /// <summary>
    /// For a direct upload's link: counts it when it is an employment confirmation whose metadata is valid and names an
    /// employer address; metadata the use case will refuse (400) counts nothing. (A multipart upload is counted by its
    /// use case, in the upload's own transaction.)
    /// </summary>
    public async Task<IActionResult?> ForUploadAsync(HttpRequest request, string graduateId, string? kind, string? metadata, CancellationToken cancellationToken) =>
        kind == Wire.Name(DocumentKind.EmploymentConfirmation) && EmployerAddress(metadata) is { } address
            ? await CheckAsync(request, graduateId, address, request.Headers["Idempotency-Key"].FirstOrDefault() is { Length: > 0 } key ? "upload|" + key : null, cancellationToken)
            : null;

    private static string? EmployerAddress(string? metadata) =>
        DocumentMetadata.ParseMetadata(DocumentKind.EmploymentConfirmation, metadata) is { Errors.Count: 0, Claim: EmploymentClaim { EmployerEmail: { Length: > 0 } address } } ? address : null;

    /// <summary>For a re-issue: counts it when the document is waiting for its employer (otherwise the use case refuses it).</summary>
    public async Task<IActionResult?> ForReissueAsync(HttpRequest request, GraduateRecord graduate, string documentId, CancellationToken cancellationToken)
    {
        if (!GraduateData.SafeKey(documentId) || (await repository.LoadAsync(graduate.Id, cancellationToken))?.Find(documentId) is not { } document
            || document.Claim is not EmploymentClaim job || document.Status != DocumentStatus.AwaitingEmployer)
        {
            return null;
        }

        return await CheckAsync(request, graduate.Id, job.EmployerEmail, null, cancellationToken);
    }

    private async Task<IActionResult?> CheckAsync(HttpRequest request, string graduateId, string address, string? requestKey, CancellationToken cancellationToken)
    {
        var decision = await quota.TryReserveAsync(graduateId, address, requestKey, cancellationToken);
        return decision.Allowed ? null : Problems.Create(request, Problem.EmployerMailLimit(decision.RetryAfter));
    }
}
