using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Http;

/// <summary>
/// The operator routes' access and accountability: the operator's token checked, and every read of a
/// graduate's personal data and every change written to the audit trail with the operator's subject
/// (reads before the data leaves, changes once they succeeded).
/// </summary>
public sealed class OperatorAccess(RequestParsing parse, GraduateLookup graduates, OperatorAuditLog audit, StorageClients storage)
{
    /// <summary>The operator's call about one graduate, recorded as <paramref name="action"/> when the graduate exists.</summary>
    public async Task<(GraduateRecord? Graduate, IActionResult? Failure)> ReadGraduateAsync(HttpRequest request, string graduateId, string action, CancellationToken cancellationToken)
    {
        var (caller, failure) = await CallerAsync(request, cancellationToken);
        if (failure is not null)
        {
            return (null, failure);
        }

        var g = await graduates.GetAsync(graduateId, cancellationToken);
        if (g is null)
        {
            return (null, Problems.Create(request, Problem.NotFound));
        }

        await audit.AppendAsync(caller!.Subject, Roles.Operator, action, g.Id, null, null, cancellationToken);
        return (g, null);
    }

    /// <summary>The operator and the graduate a change is about (recorded once the change succeeds), or the 401/403/404.</summary>
    public async Task<(Caller? Caller, GraduateRecord? Graduate, IActionResult? Failure)> ChangeGraduateAsync(HttpRequest request, string graduateId, CancellationToken cancellationToken)
    {
        var (caller, failure) = await CallerAsync(request, cancellationToken);
        if (failure is not null)
        {
            return (null, null, failure);
        }

        var g = await graduates.GetAsync(graduateId, cancellationToken);
        return g is null ? (null, null, Problems.Create(request, Problem.NotFound)) : (caller, g, null);
    }

    /// <summary>The operator behind the token, or the 401/403.</summary>
    public async Task<(Caller? Caller, IActionResult? Failure)> CallerAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var authentication = await parse.CallerAsync(request, Roles.Operator, cancellationToken);
        return (authentication.Caller, authentication.Failure);
    }

    /// <summary>Records what the operator did (or read) about a graduate and/or a document.</summary>
    public Task RecordAsync(Caller caller, string action, string? graduateId, string? documentId, CancellationToken cancellationToken) =>
        audit.AppendAsync(caller.Subject, Roles.Operator, action, graduateId, documentId, null, cancellationToken);

    /// <summary>Records an action on a document, naming its graduate (from the document index).</summary>
    public async Task RecordDocumentAsync(Caller caller, string action, string documentId, CancellationToken cancellationToken) =>
        await RecordAsync(caller, action, await DocumentIndex.OwnerAsync(storage, documentId, cancellationToken), documentId, cancellationToken);
}
