using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Otrabotka.Domain;
using Otrabotka.Functions.Adapters;
using Otrabotka.Functions.Storage;
using static Otrabotka.Functions.UseCases.ValidateDocument;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// The one validation step: idempotent per document and blob ETag. File sanity first (the length before a
/// byte is read), then the domain's rules for the kind. Rejections are results: they never throw, so they
/// never retry or reach a poison queue. Accepted files move to "documents", rejected ones to "quarantine".
/// Run for a blob by <see cref="ValidateDocument"/>, /complete and the sweeps, and inline by a multipart upload.
/// </summary>
public sealed class DocumentValidator(StorageClients storage, GraduateRepository repository, DocumentChanges changes, FileVerdicts verdicts, EmployerRegistryStore registry, TimeProvider time, ILogger<DocumentValidator> logger)
{
    /// <summary>Returns the document as it stands after the step (null when there is no such document).</summary>
    public Task<Document?> RunAsync(string graduateId, string documentId, BlobClient blob, CancellationToken cancellationToken, string actor) =>
        RetryPolicy.RunAsync(token => RunOnceAsync(graduateId, documentId, blob, actor, token), token => ReloadAsync(graduateId, documentId, token), cancellationToken);

    private async Task<Document?> RunOnceAsync(string graduateId, string documentId, BlobClient blob, string actor, CancellationToken cancellationToken)
    {
        var unit = await repository.LoadAsync(graduateId, cancellationToken);
        if (unit?.Find(documentId) is not { } document)
        {
            logger.IntakeIgnored("no document for the blob");
            return null;
        }

        if (document.Status != DocumentStatus.Received)
        {
            return document;
        }

        BlobProperties properties;
        try
        {
            properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Another delivery decided and moved the blob (the reload shows it), or nothing was uploaded
            // yet (the document is still "received"): either way there is nothing to validate now.
            return await ReloadAsync(graduateId, documentId, cancellationToken);
        }

        await DecideAsync(unit, document, blob, properties, Actor.System(actor), cancellationToken);
        return document;
    }

    private async Task DecideAsync(GraduateUnit unit, Document document, BlobClient blob, BlobProperties properties, Actor actor, CancellationToken cancellationToken)
    {
        var (validation, content) = await InspectAsync(unit, document, blob, properties, cancellationToken);

        // Copy before the commit (same target name, so a repeated delivery writes the same bytes).
        if (content is not null)
        {
            var (container, name) = Split(validation.File.Location!);
            await storage.Container(container).GetBlobClient(name).UploadAsync(new BinaryData(content), overwrite: true, cancellationToken);
        }

        document.Validate(validation, time.GetUtcNow(), actor);
        if (!validation.Rejected && validation.File.Sha256 is { } sha)
        {
            unit.Fingerprint(sha, document.Id);
        }

        await changes.CommitAsync(unit, cancellationToken);
        logger.Validated(unit.Graduate.Id, document.Id, document.Kind, document.Status, Codes(validation.AllReasons), Codes(validation.Warnings));
        if (content is not null)
        {
            await blob.DeleteIfExistsAsync(conditions: new() { IfMatch = properties.ETag }, cancellationToken: cancellationToken);
        }
    }

    /// <summary>
    /// Validation inside the multipart request that holds the file (issue 12, ADR 0017): the same checks, the
    /// file written once straight to its final container (documents, or quarantine when rejected), and the
    /// document moved in the unit — the caller commits "received → validating → decided" in one transaction.
    /// A file too long for the rules is not stored at all.
    /// </summary>
    public async Task DecideInlineAsync(GraduateUnit unit, Document document, byte[] content, CancellationToken cancellationToken)
    {
        var checks = Check(unit, document, content.LongLength, content);
        var name = BlobName(unit.Graduate.Id, document.Id);

        // The registry's entry is read while the file is written (one round trip fewer before the answer).
        var lookup = checks.Reasons.Count == 0 ? RegistryConflictAsync(document, cancellationToken) : Task.FromResult<Reason?>(null);
        string? location = null;
        var safety = FileSafety.Clean;
        string? etag = null;
        if (checks.Sha is not null)
        {
            var target = checks.Reasons.Count > 0 ? StorageNames.QuarantineContainer : StorageNames.DocumentsContainer;
            var blob = storage.Container(target).GetBlobClient(name);
            var upload = blob.UploadAsync(new BinaryData(content), overwrite: true, cancellationToken);
            await Task.WhenAll(upload, lookup);
            etag = (await upload).Value.ETag.ToString();
            location = $"{target}/{name}";
            safety = checks.Reasons.Count == 0 ? await verdicts.SafetyOfAsync(blob, cancellationToken) : FileSafety.Clean;
            if (safety == FileSafety.Malicious)
            {
                location = await verdicts.QuarantineAsync(Document.Restore(document.State with { File = new DocumentFile(location, null, null, null) }), cancellationToken);
            }
        }

        var conflict = await lookup;
        var file = new DocumentFile(location, checks.Sha, etag, checks.DuplicateOf);
        var validation = new DocumentValidation(file, checks.Reasons, conflict is null ? checks.Warnings : [.. checks.Warnings, conflict], safety, NeedsReview: conflict is not null);
        document.Validate(validation, time.GetUtcNow(), Actor.System(ByUpload));
        if (!validation.Rejected && checks.Sha is { } sha)
        {
            unit.Fingerprint(sha, document.Id);
        }

        logger.Validated(unit.Graduate.Id, document.Id, document.Kind, document.Status, Codes(validation.AllReasons), Codes(validation.Warnings));
    }

    /// <summary>File sanity (the length before a byte is read, then the content once), then the rules of the document's kind.</summary>
    private async Task<(DocumentValidation Validation, byte[]? Content)> InspectAsync(GraduateUnit unit, Document document, BlobClient blob, BlobProperties properties, CancellationToken cancellationToken)
    {
        byte[]? content = null;
        if (FileRules.CheckLength(properties.ContentLength) is null)
        {
            var download = await blob.DownloadContentAsync(new BlobDownloadOptions { Conditions = new() { IfMatch = properties.ETag } }, cancellationToken);
            content = download.Value.Content.ToArray();
        }

        var (reasons, warnings, sha, duplicateOf) = Check(unit, document, properties.ContentLength, content);

        // The scanner's verdict on the uploaded file: only a clean file may be accepted without a person.
        var safety = reasons.Count == 0 ? await verdicts.SafetyOfAsync(blob, cancellationToken) : FileSafety.Clean;
        var target = reasons.Count > 0 || safety == FileSafety.Malicious ? StorageNames.QuarantineContainer : StorageNames.DocumentsContainer;
        var location = content is null ? document.File.Location : $"{target}/{BlobName(unit.Graduate.Id, document.Id)}";
        var conflict = reasons.Count == 0 ? await RegistryConflictAsync(document, cancellationToken) : null;
        var file = new DocumentFile(location, sha, properties.ETag.ToString(), duplicateOf);
        return (new DocumentValidation(file, reasons, conflict is null ? warnings : [.. warnings, conflict], safety, NeedsReview: conflict is not null), content);
    }

    /// <summary>The checks that need no storage: the length, the content (when it was read), then the kind's rules.</summary>
    private FileChecks Check(GraduateUnit unit, Document document, long length, byte[]? content)
    {
        var reasons = new List<Reason>();
        IReadOnlyList<Reason> warnings = [];
        string? sha = null;
        string? duplicateOf = null;
        if (FileRules.CheckLength(length) is { } tooLong)
        {
            reasons.Add(tooLong);
        }
        else if (content is not null)
        {
            sha = Convert.ToHexStringLower(SHA256.HashData(content));
            duplicateOf = unit.FingerprintOwner(sha) is { } owner && owner != document.Id ? owner : null;
            reasons.AddRange(FileRules.Check(FileInspector.Inspect(content, duplicateOf)));
        }

        if (reasons.Count == 0)
        {
            var terms = unit.Graduate.Obligation.Resolve(RuleTable.Default).Value!;
            var eligibility = DocumentRules.Check(terms, document, unit.Documents, Almaty.Today(time));
            reasons.AddRange(eligibility.Reasons);
            warnings = eligibility.Warnings;
        }

        return new FileChecks(reasons, warnings, sha, duplicateOf);
    }

    private sealed record FileChecks(IReadOnlyList<Reason> Reasons, IReadOnlyList<Reason> Warnings, string? Sha, string? DuplicateOf);

    private async Task<Document?> ReloadAsync(string graduateId, string documentId, CancellationToken cancellationToken) =>
        (await repository.LoadAsync(graduateId, cancellationToken))?.Find(documentId);

    private static (string Container, string Name) Split(string location) => (location[..location.IndexOf('/', StringComparison.Ordinal)], location[(location.IndexOf('/', StringComparison.Ordinal) + 1)..]);

    private static string Codes(IReadOnlyList<Reason> reasons) => reasons.Count == 0 ? "-" : string.Join(",", reasons.Select(r => r.Code));

    /// <summary>Issue 16: the employer registry says otherwise of a hire's employer — an operator decides, with both shown.</summary>
    private async Task<Reason?> RegistryConflictAsync(Document document, CancellationToken cancellationToken) =>
        document.Claim is EmploymentClaim job && Bin.Parse(job.EmployerBin) is { IsValid: true } bin && await registry.FindRecentAsync(bin.Value, cancellationToken) is { } entry
            ? RegistryConflicts.Check(job.Workplace, job.EmployerName, entry)
            : null;
}
