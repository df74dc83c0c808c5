using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Otrabotka.Domain;
using Otrabotka.Functions.Http.OpenApi;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.Texts;
using Otrabotka.Functions.UseCases;
using Otrabotka.Functions.UseCases.OperatorDesk;

namespace Otrabotka.Functions.Http;

/// <summary>
/// The pension feed and the employer registry (issue 16), for operators: upload a monthly feed or a registry file
/// (202 and the import's status route), follow an import, read and edit one registry entry, see what the feed could
/// not credit and what it flags, and record a graduate's consent.
/// </summary>
public sealed class FeedFunctions(RequestParsing parse, OperatorAccess access, Authenticator auth, FeedJobs jobs, ReadRegistryEntry readEntry, PutRegistryEntry putEntry, FeedFindings findings, SetFeedConsent consents, TimeProvider time)
{
    [Function("UploadFeed")]
    [ApiOperation(ApiAudience.Operator, ApiAccess.Operator, "Upload a monthly pension feed",
        "Stores the CSV (iin, employerBin, employerName, employerAddress, katoCode, month, contributionPaid) in the feeds container; its blob trigger starts the import. A file without the columns is refused whole.")]
    [ApiRequest(typeof(string), ContentType = MediaTypes.Csv)]
    [ApiResponse(202, typeof(FeedImportStatus), Location = true, Description = "Imported in chunks; follow Location")]
    [ApiProblem(400, 413, 415)]
    public Task<IActionResult> UploadFeed([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/feed/files")] HttpRequest request, CancellationToken cancellationToken) =>
        StartAsync(request, FeedFileKind.Feed, json: false, cancellationToken);

    [Function("ImportEmployerRegistry")]
    [ApiOperation(ApiAudience.Operator, ApiAccess.Operator, "Import the employer registry from CSV",
        "bin, name, organisationKinds, ownership, region, settlementType, katoCode, emailDomains, source, asOf; streamed and imported in chunks. A row with a wrong BIN check digit is refused with its line.")]
    [ApiRequest(typeof(string), ContentType = MediaTypes.Csv)]
    [ApiResponse(202, typeof(FeedImportStatus), Location = true, Description = "Imported in chunks; follow Location")]
    [ApiProblem(400, 413, 415)]
    public Task<IActionResult> ImportEmployerRegistry([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/employer-registry/imports")] HttpRequest request, CancellationToken cancellationToken) =>
        StartAsync(request, FeedFileKind.Registry, json: false, cancellationToken);

    [Function("ImportEmployerRegistryJson")]
    [ApiOperation(ApiAudience.Operator, ApiAccess.Operator, "Import the employer registry from JSON",
        "A JSON array of registry entries, imported the same way as the CSV; an entry's errors name its position in the array.")]
    [ApiRequest(typeof(IReadOnlyList<RegistryJsonItem>))]
    [ApiResponse(202, typeof(FeedImportStatus), Location = true, Description = "Imported in chunks; follow Location")]
    [ApiProblem(400, 413, 415)]
    public Task<IActionResult> ImportEmployerRegistryJson([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/employer-registry/imports/json")] HttpRequest request, CancellationToken cancellationToken) =>
        StartAsync(request, FeedFileKind.Registry, json: true, cancellationToken);

    [Function("GetFeedImport")]
    [ApiOperation(ApiAudience.Operator, ApiAccess.Operator, "A feed or registry import's status",
        "Rows read, applied, unchanged, superseded by a later file, errors with their lines, whether it is done — or why the file was refused.")]
    [ApiResponse(200, typeof(FeedImportStatus))]
    [ApiProblem(404)]
    public async Task<IActionResult> GetFeedImport([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/feed/imports/{importId}")] HttpRequest request, string importId, CancellationToken cancellationToken)
    {
        if (await parse.OperatorAsync(request, cancellationToken) is { } failure)
        {
            return failure;
        }

        return await jobs.StatusAsync(importId, cancellationToken) is { } status ? ApiResults.Json(status) : Problems.Create(request, Problem.NotFound);
    }

    [Function("GetEmployerRegistryEntry")]
    [ApiOperation(ApiAudience.Operator, ApiAccess.Operator, "One employer registry entry", "What the registry knows of the employer with this BIN.")]
    [ApiResponse(200, typeof(EmployerRegistryView))]
    [ApiProblem(400, 404)]
    public async Task<IActionResult> GetEmployerRegistryEntry([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/employer-registry/{bin}")] HttpRequest request, string bin, CancellationToken cancellationToken)
    {
        if (await parse.OperatorAsync(request, cancellationToken) is { } failure)
        {
            return failure;
        }

        return Result(request, await readEntry.RunAsync(bin, cancellationToken));
    }

    [Function("PutEmployerRegistryEntry")]
    [ApiOperation(ApiAudience.Operator, ApiAccess.Operator, "Write one employer registry entry", "Creates or replaces the entry of this BIN, by the same rules as an import row.")]
    [ApiRequest(typeof(RegistryJsonItem), Example = """{"name":"«Егіндібұлақ ауылының жалпы білім беретін мектебі» КММ","organisationKinds":["education"],"ownership":"state","region":"karaganda","settlementType":"village","katoCode":"354400000","emailDomains":["egindibulak-school.kz"],"source":"МТСЗН РК","asOf":"2026-10-01"}""")]
    [ApiResponse(200, typeof(EmployerRegistryView))]
    [ApiProblem(400, 413, 415, 422)]
    public async Task<IActionResult> PutEmployerRegistryEntry([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/employer-registry/{bin}")] HttpRequest request, string bin, CancellationToken cancellationToken)
    {
        var authentication = await auth.RequireAsync(request, Roles.Operator, cancellationToken);
        if (authentication.Failure is { } failure)
        {
            return failure;
        }

        var (body, bad) = await RequestParsing.JsonAsync(request, cancellationToken);
        if (bad is not null)
        {
            return bad;
        }

        var item = RegistryJsonItem.From(body!);
        if (body!.Errors.Count > 0)
        {
            return Problems.Create(request, Problem.Invalid(body.Errors));
        }

        var result = await putEntry.RunAsync(bin, item, authentication.Caller!.Subject, cancellationToken);
        if (result.Outcome == RegistryOutcome.Saved)
        {
            await access.RecordAsync(authentication.Caller, AuditActions.RegistryEntrySet, null, null, cancellationToken);
        }

        return Result(request, result);
    }

    [Function("ListFeedReviews")]
    [ApiOperation(ApiAudience.Operator, ApiAccess.Operator, "Feed months awaiting review",
        "Months of paid contributions the rules could not credit (unknown employer, or one the rules refuse): one item per graduate and BIN, with every month and the reasons.")]
    [ApiResponse(200, typeof(IReadOnlyList<FeedReviewItem>))]
    public async Task<IActionResult> ListFeedReviews([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/feed/reviews")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (caller, failure) = await access.CallerAsync(request, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var items = await findings.ReviewsAsync(Problems.LanguageOf(request), cancellationToken);
        await access.RecordAsync(caller!, AuditActions.FeedReviewsRead, null, null, cancellationToken);
        return ApiResults.Json(items);
    }

    [Function("ListFeedFlags")]
    [ApiOperation(ApiAudience.Operator, ApiAccess.Operator, "Feed cross-check flags",
        "An accepted job with no contributions for 2+ months, contributions at another employer than the confirmed one, contributions during an exemption or a deferral.")]
    [ApiResponse(200, typeof(IReadOnlyList<FeedFlagItem>))]
    public async Task<IActionResult> ListFeedFlags([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/feed/flags")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (caller, failure) = await access.CallerAsync(request, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var items = await findings.FlagsAsync(Problems.LanguageOf(request), cancellationToken);
        await access.RecordAsync(caller!, AuditActions.FeedFlagsRead, null, null, cancellationToken);
        return ApiResults.Json(items);
    }

    [Function("GetGraduateFeed")]
    [ApiOperation(ApiAudience.Operator, ApiAccess.Operator, "A graduate's pension feed", "Consent, credited periods with their months, review items and flags.")]
    [ApiResponse(200, typeof(GraduateFeedView))]
    [ApiProblem(404)]
    public async Task<IActionResult> GetGraduateFeed([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/graduates/{graduateId}/feed")] HttpRequest request, string graduateId, CancellationToken cancellationToken)
    {
        var (graduate, failure) = await access.ReadGraduateAsync(request, graduateId, AuditActions.FeedRead, cancellationToken);
        return failure ?? ApiResults.Json(GraduateFeedView.Of(graduate!, Almaty.Today(time)));
    }

    [Function("SetGraduateFeedConsent")]
    [ApiOperation(ApiAudience.Operator, ApiAccess.Operator, "Record a graduate's consent to the pension feed",
        "consented, refused or unknown (or the SMS reply to 1414: 511 consents, 512 refuses). With consent, a recent paid month replaces the re-confirmation reminder.")]
    [ApiRequest(typeof(FeedConsentRequest), Example = """{"consent":"consented"}""")]
    [ApiResponse(200, typeof(GraduateFeedView))]
    [ApiProblem(400, 404, 413, 415)]
    public async Task<IActionResult> SetGraduateFeedConsent([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/graduates/{graduateId}/feed-consent")] HttpRequest request, string graduateId, CancellationToken cancellationToken)
    {
        var (caller, graduate, failure) = await access.ChangeGraduateAsync(request, graduateId, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var (body, bad) = await RequestParsing.JsonAsync(request, cancellationToken);
        if (bad is not null)
        {
            return bad;
        }

        if (SetFeedConsent.Parse(body!.Optional("consent", 20)) is not { } consent || body.Errors.Count > 0)
        {
            return Problems.Create(request, Problem.Invalid([new FieldError("consent", "consent-invalid", TextCatalog.Default.Text("feed.consent-invalid"))]));
        }

        if (await consents.RunAsync(graduate!.Id, consent, cancellationToken) is not { } view)
        {
            return Problems.Create(request, Problem.NotFound);
        }

        await access.RecordAsync(caller!, AuditActions.FeedConsentSet, graduate.Id, null, cancellationToken);
        return ApiResults.Json(view);
    }

    private async Task<IActionResult> StartAsync(HttpRequest request, FeedFileKind kind, bool json, CancellationToken cancellationToken)
    {
        var (caller, failure) = await access.CallerAsync(request, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var expected = json ? MediaTypes.Json : MediaTypes.Csv;
        if (RequestParsing.FileTypeRefusal(request, expected) is { } refusedType)
        {
            return refusedType;
        }

        var start = await jobs.StartAsync(kind, request.Body, json, Problems.LanguageOf(request), cancellationToken);
        if (start.Refused is { } refused)
        {
            var missing = refused.MissingColumns.Select(c => new FieldError(c, "missing-column", refused.Detail)).ToList();
            return Problems.Create(request, new Problem(Refusal.Invalid, refused.Code, refused.Detail, missing.Count > 0 ? missing : null));
        }

        await access.RecordAsync(caller!, kind == FeedFileKind.Feed ? AuditActions.FeedUploaded : AuditActions.RegistryImported, null, null, cancellationToken);
        request.HttpContext.Response.Headers.Location = FeedJobs.StatusRoute(start.Job!.ImportId);
        return ApiResults.Json(start.Job, 202);
    }

    private static IActionResult Result(HttpRequest request, RegistryResult result) => result.Outcome switch
    {
        RegistryOutcome.Found or RegistryOutcome.Saved => ApiResults.Json(result.Entry!),
        RegistryOutcome.NotFound => Problems.Create(request, Problem.NotFound),
        RegistryOutcome.Invalid => Problems.Create(request, Problem.FromReasons(result.Reasons.Any(r => r.Code.StartsWith("bin-", StringComparison.Ordinal)) ? Refusal.Invalid : Refusal.Unprocessable, "registry-entry-invalid", result.Reasons, "entry")),
        _ => throw new ArgumentOutOfRangeException(nameof(result), result.Outcome, "A registry outcome with no answer."),
    };
}

/// <summary>A graduate's consent as an operator records it.</summary>
public sealed record FeedConsentRequest(string? Consent);
