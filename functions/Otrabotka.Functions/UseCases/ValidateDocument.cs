using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Otrabotka.Domain;
using Otrabotka.Functions.Adapters;
using Otrabotka.Functions.Configuration;
using Otrabotka.Functions.Notifications;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// The one validation step, run by the blob trigger when a file lands in intake/{graduateId}/{documentId}
/// and by POST …/complete: idempotent per document and blob ETag. File sanity first (the length before a
/// byte is read), then the domain's rules for the kind. Rejections are results: they never throw, so they
/// never retry or reach a poison queue. Accepted files move to "documents", rejected ones to "quarantine".
/// </summary>
public sealed partial class ValidateDocument(
    StorageClients storage,
    Graduates graduates,
    GraduateData data,
    DocumentTransitions transitions,
    EmployerTokens tokens,
    Obligations obligations,
    IMalwareVerdicts malware,
    IOptions<OtrabotkaSettings> settings,
    TimeProvider time,
    ILogger<ValidateDocument> logger,
    EmployerRegistryStore registry)
{
    /// <summary>Who ran the step, for the history: the blob trigger, the upload request, /complete, or the sweep.</summary>
    public const string ByTrigger = "blob-trigger";
    public const string ByUpload = "upload";
    public const string ByComplete = "complete";
    public const string BySweep = "sweep";

    public static string BlobName(string graduateId, string documentId) => $"{graduateId}/{documentId}";

    public static bool TryParseBlobName(string name, out string graduateId, out string documentId)
    {
        var parts = name.Split('/');
        graduateId = parts.Length == 2 ? parts[0] : "";
        documentId = parts.Length == 2 ? parts[1] : "";
        return parts.Length == 2 && GraduateData.SafeKey(graduateId) && GraduateData.SafeKey(documentId);
    }

    /// <summary>From the blob trigger: the blob's name says whose document it is.</summary>
    public async Task RunAsync(BlobClient blob, string name, CancellationToken cancellationToken)
    {
        if (!TryParseBlobName(name, out var graduateId, out var documentId))
        {
            LogIgnored(logger, "unexpected blob name");
            return;
        }

        await RunAsync(graduateId, documentId, blob, cancellationToken, ByTrigger);
    }

    /// <summary>Returns the document as it stands after the step (null when there is no such document).</summary>
    public async Task<DocumentRow?> RunAsync(string graduateId, string documentId, BlobClient blob, CancellationToken cancellationToken, string actor)
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var graduate = await graduates.GetAsync(graduateId, cancellationToken);
            var document = graduate is null ? null : await data.DocumentAsync(graduateId, documentId, cancellationToken);
            if (graduate is null || document is null)
            {
                LogIgnored(logger, "no document for the blob");
                return null;
            }

            if (document.Status != DocumentStatus.Received)
            {
                return document;
            }

            Azure.Storage.Blobs.Models.BlobProperties properties;
            try
            {
                properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // Another delivery decided and moved the blob (the reload shows it), or nothing was uploaded
                // yet (the document is still "received"): either way there is nothing to validate now.
                return await data.DocumentAsync(graduateId, documentId, cancellationToken);
            }

            var (outcome, done) = await DecideAsync(graduate, document, blob, properties, actor, cancellationToken);
            if (done)
            {
                return outcome;
            }
        }

        return await data.DocumentAsync(graduateId, documentId, cancellationToken);
    }

    private async Task<(DocumentRow? Document, bool Done)> DecideAsync(GraduateRecord graduate, DocumentRow document, BlobClient blob, Azure.Storage.Blobs.Models.BlobProperties properties, string actor, CancellationToken cancellationToken)
    {
        var reasons = new List<Reason>();
        var warnings = new List<Reason>();
        byte[]? content = null;
        string? sha = null;
        string? duplicateOf = null;
        if (FileRules.CheckLength(properties.ContentLength) is { } length)
        {
            reasons.Add(length);
        }
        else
        {
            var download = await blob.DownloadContentAsync(new Azure.Storage.Blobs.Models.BlobDownloadOptions { Conditions = new() { IfMatch = properties.ETag } }, cancellationToken);
            content = download.Value.Content.ToArray();
            sha = Convert.ToHexStringLower(SHA256.HashData(content));
            var owner = await data.ShaOwnerAsync(graduate.Id, sha, cancellationToken);
            duplicateOf = owner is not null && owner != document.Id ? owner : null;
            reasons.AddRange(FileRules.Check(FileInspector.Inspect(content, duplicateOf)));
        }

        if (reasons.Count == 0)
        {
            var (ruleReasons, ruleWarnings) = await CheckRulesAsync(graduate, document, cancellationToken);
            reasons.AddRange(ruleReasons);
            warnings.AddRange(ruleWarnings);
        }

        // The scanner's verdict on the uploaded file: only a clean file may be accepted without a person.
        var verdict = reasons.Count == 0 ? await malware.VerdictAsync(blob, cancellationToken) : MalwareVerdict.Clean;
        if (verdict == MalwareVerdict.Malicious)
        {
            reasons.Add(FileVerdicts.Malicious);
        }

        var rejected = reasons.Count > 0;
        var to = rejected ? DocumentStatus.Rejected : FileVerdicts.Gate(DocumentLifecycle.AfterValidation(document.Kind), verdict);
        if (!rejected && await RegistryConflictAsync(document, cancellationToken) is { } conflict)
        {
            // Issue 16: the employer registry says otherwise — an operator decides, with both shown.
            warnings.Add(conflict);
            to = to == DocumentStatus.AwaitingEmployer ? DocumentStatus.AwaitingReview : to;
        }
        var now = time.GetUtcNow();
        var target = rejected ? StorageNames.QuarantineContainer : StorageNames.DocumentsContainer;
        var targetName = BlobName(graduate.Id, document.Id);
        var extra = new List<TableTransactionAction>();
        if (!rejected && sha is not null)
        {
            extra.Add(new(TableTransactionActionType.UpsertReplace, new TableEntity(graduate.Id, GraduateStore.ShaPrefix + sha) { ["DocumentId"] = document.Id }));
        }

        var notices = new List<Notice>();
        var model = new NoticeModel(GraduateName: graduate.FullName, Document: document.Kind, Reasons: reasons.Select(r => r.Message).ToList())
        {
            GraduateSex = NoticeModel.SexOf(graduate.Iin), CanContest = !document.Contested,
        };
        EmploymentMeta? job = document.Kind == DocumentKind.EmploymentConfirmation ? DocumentMetadata.Read<EmploymentMeta>(document.Metadata) : null;
        var tokenVersion = document.TokenVersion;
        switch (to)
        {
            case DocumentStatus.Rejected:
                notices.Add(new Notice(graduate.Email, NotificationKind.DocumentRejected, graduate.Language, model));
                break;
            case DocumentStatus.Accepted:
                notices.Add(new Notice(graduate.Email, NotificationKind.DocumentAccepted, graduate.Language, model));
                break;
            case DocumentStatus.AwaitingReview:
                notices.Add(new Notice(graduate.Email, NotificationKind.DocumentInReview, graduate.Language, model));
                break;
            case DocumentStatus.AwaitingEmployer when job is not null:
                tokenVersion++;
                var token = tokens.Issue(new EmployerClaim(graduate.Id, document.Id, job.EmployerEmail, tokenVersion, now));
                var link = tokens.Link(settings.Value.PublicBaseUrl, token);
                notices.Add(new Notice(graduate.Email, NotificationKind.AwaitingEmployer, graduate.Language, model with { EmployerName = job.EmployerName }));
                notices.Add(new Notice(job.EmployerEmail, NotificationKind.EmployerRequest, Language.Kk,
                    new NoticeModel(GraduateName: graduate.FullName, EmployerName: job.EmployerName, Position: job.Position, Date: job.StartDate, Link: link) { LinkDays = tokens.LinkDays }, Bilingual: true));
                break;
        }

        // Copy before the commit (same target name, so a repeated delivery writes the same bytes).
        if (content is not null)
        {
            await storage.Container(target).GetBlobClient(targetName).UploadAsync(new BinaryData(content), overwrite: true, cancellationToken);
        }

        var reasonCodes = rejected ? string.Join(",", reasons.Select(r => r.Code)) : null;
        var (result, _, next) = await transitions.ApplyAsync(
            graduate,
            document,
            [new Move(DocumentStatus.Validating, actor, null), new Move(to, actor, reasonCodes)],
            d => d with
            {
                BlobName = content is null ? d.BlobName : $"{target}/{targetName}",
                Sha256 = sha,
                ValidatedETag = properties.ETag.ToString(),
                Reasons = reasons.Select(r => new ReasonRecord(r.Code, r.Message)).ToList(),
                Warnings = warnings.Select(r => new ReasonRecord(r.Code, r.Message)).ToList(),
                DuplicateOf = duplicateOf,
                TokenVersion = tokenVersion,
                TokenIssuedAt = to == DocumentStatus.AwaitingEmployer ? now : d.TokenIssuedAt,
                EmployerEmail = job?.EmployerEmail ?? d.EmployerEmail,
            },
            extra,
            notices,
            cancellationToken);
        if (result != MoveResult.Done)
        {
            return (null, false);
        }

        if (content is not null)
        {
            await blob.DeleteIfExistsAsync(conditions: new() { IfMatch = properties.ETag }, cancellationToken: cancellationToken);
        }

        return (next, true);
    }

    private async Task<(IReadOnlyList<Reason> Reasons, IReadOnlyList<Reason> Warnings)> CheckRulesAsync(GraduateRecord graduate, DocumentRow document, CancellationToken cancellationToken)
    {
        var terms = graduate.Obligation.Resolve(RuleTable.Default).Value!;
        var today = obligations.Today();
        switch (document.Kind)
        {
            case DocumentKind.EmploymentConfirmation:
                var job = DocumentMetadata.Read<EmploymentMeta>(document.Metadata);
                var otherJobs = Obligations.Periods(await data.DocumentsAsync(graduate.Id, cancellationToken)).Where(p => p.Source != document.Id);
                var eligibility = DocumentChecks.Employment(terms, new EmploymentClaim(job.EmployerBin, job.Workplace, job.StartDate, job.EndDate), today, otherJobs);
                return (eligibility.Reasons, eligibility.Warnings);
            case DocumentKind.EmploymentEnd:
                var end = DocumentMetadata.Read<EmploymentEndMeta>(document.Metadata);
                var periods = Obligations.Periods(await data.DocumentsAsync(graduate.Id, cancellationToken));
                return (DocumentChecks.EmploymentEnd(periods, end.EmploymentDocumentId, end.EndDate), []);
            case DocumentKind.UnemploymentRegistration:
                var u = DocumentMetadata.Read<UnemploymentMeta>(document.Metadata);
                return (DocumentChecks.Unemployment(terms, new UnemploymentClaim(u.ReferralDate, u.RegisteredFrom, u.RegisteredTo), today), []);
            case DocumentKind.ExemptionProof:
                return (ExemptionRules.Check(terms, DocumentMetadata.Read<ExemptionMeta>(document.Metadata).Claim, today), []);
            case DocumentKind.DeferralProof:
                var m = DocumentMetadata.Read<DeferralMeta>(document.Metadata);
                return (ExemptionRules.Check(terms, new DeferralClaim(m.ServiceStart, m.ServiceEnd), today), []);
            default:
                return ([], []);
        }
    }

    public static readonly Reason NoEmploymentToEnd = DomainReasons.NoEmploymentToEnd;

    private async Task<Reason?> RegistryConflictAsync(DocumentRow document, CancellationToken cancellationToken)
    {
        if (document.Kind != DocumentKind.EmploymentConfirmation)
        {
            return null;
        }

        var job = DocumentMetadata.Read<EmploymentMeta>(document.Metadata);
        return Bin.Parse(job.EmployerBin) is { IsValid: true } bin && await registry.FindAsync(bin.Value, cancellationToken) is { } entry
            ? RegistryConflicts.Check(job.Workplace, job.EmployerName, entry)
            : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Intake blob ignored: {Why}")]
    private static partial void LogIgnored(ILogger logger, string why);
}
