namespace Otrabotka.Functions.Tests;

/// <summary>Who may call a route.</summary>
public enum Access
{
    Anonymous,
    Graduate,
    Operator,
    Supervisor,
}

/// <summary>What a route's request body is.</summary>
public enum Body
{
    None,
    Json,
    Multipart,
    Csv,
}

/// <summary>The expectation for one HTTP function: who may call it and what it reads.</summary>
public sealed record RouteExpectation(Access Access, Body Body);

/// <summary>
/// The expectation table of every HTTP function, by function name. The authorization matrix and the
/// generated-input tests walk the function metadata and look each function up here: a new function
/// without its entry fails the suite until someone decides who may call it.
/// </summary>
public static class RouteTable
{
    public static readonly IReadOnlyDictionary<string, RouteExpectation> Expected = new Dictionary<string, RouteExpectation>(StringComparer.Ordinal)
    {
        ["Health"] = new(Access.Anonymous, Body.None),
        ["OpenApi"] = new(Access.Anonymous, Body.None),
        ["ConfirmPage"] = new(Access.Anonymous, Body.None),
        ["ApiDocs"] = new(Access.Anonymous, Body.None),
        ["ApiDocsAsset"] = new(Access.Anonymous, Body.None),
        ["GetEnumerations"] = new(Access.Anonymous, Body.None),
        ["CheckWorkplace"] = new(Access.Anonymous, Body.Json),
        ["HomePage"] = new(Access.Anonymous, Body.None),
        ["GraduatePage"] = new(Access.Anonymous, Body.None),
        ["CheckPage"] = new(Access.Anonymous, Body.None),
        ["OperatorQueuePage"] = new(Access.Anonymous, Body.None),
        ["OperatorGraduatesPage"] = new(Access.Anonymous, Body.None),
        ["OperatorImportPage"] = new(Access.Anonymous, Body.None),
        ["OperatorDashboardPage"] = new(Access.Anonymous, Body.None),
        ["OperatorAuditPage"] = new(Access.Anonymous, Body.None),
        ["PageAsset"] = new(Access.Anonymous, Body.None),
        ["GetImportStatus"] = new(Access.Operator, Body.None),
        ["UploadFeed"] = new(Access.Operator, Body.Csv),
        ["ImportEmployerRegistry"] = new(Access.Operator, Body.Csv),
        ["ImportEmployerRegistryJson"] = new(Access.Operator, Body.Json),
        ["GetFeedImport"] = new(Access.Operator, Body.None),
        ["GetEmployerRegistryEntry"] = new(Access.Operator, Body.None),
        ["PutEmployerRegistryEntry"] = new(Access.Operator, Body.Json),
        ["ListFeedReviews"] = new(Access.Operator, Body.None),
        ["ListFeedFlags"] = new(Access.Operator, Body.None),
        ["GetGraduateFeed"] = new(Access.Operator, Body.None),
        ["SetGraduateFeedConsent"] = new(Access.Operator, Body.Json),
        ["GetReminderRun"] = new(Access.Operator, Body.None),
        ["ViewConfirmation"] = new(Access.Anonymous, Body.Json),
        ["DecideConfirmation"] = new(Access.Anonymous, Body.Json),
        ["GetMe"] = new(Access.Graduate, Body.None),
        ["PatchMe"] = new(Access.Graduate, Body.Json),
        ["GetMyObligation"] = new(Access.Graduate, Body.None),
        ["SubmitMyDocument"] = new(Access.Graduate, Body.Multipart),
        ["CreateMyUpload"] = new(Access.Graduate, Body.Json),
        ["CompleteMyUpload"] = new(Access.Graduate, Body.None),
        ["ListMyDocuments"] = new(Access.Graduate, Body.None),
        ["GetMyDocument"] = new(Access.Graduate, Body.None),
        ["WithdrawMyDocument"] = new(Access.Graduate, Body.None),
        ["ContestMyDocument"] = new(Access.Graduate, Body.Json),
        ["ReissueMyEmployerLink"] = new(Access.Graduate, Body.None),
        ["ListFailedNotifications"] = new(Access.Operator, Body.None),
        ["ResendNotification"] = new(Access.Operator, Body.None),
        ["RunRemindersNow"] = new(Access.Operator, Body.None),
        ["RegisterGraduate"] = new(Access.Operator, Body.Json),
        ["ImportGraduates"] = new(Access.Operator, Body.Csv),
        ["SearchGraduates"] = new(Access.Operator, Body.Json),
        ["GetGraduate"] = new(Access.Operator, Body.None),
        ["GetGraduateObligation"] = new(Access.Operator, Body.None),
        ["GetGraduateDocuments"] = new(Access.Operator, Body.None),
        ["FileGraduateDocument"] = new(Access.Operator, Body.Multipart),
        ["RecordExemption"] = new(Access.Operator, Body.Json),
        ["DeclareDefault"] = new(Access.Operator, Body.Json),
        ["ListReviewQueue"] = new(Access.Operator, Body.None),
        ["GetReviewDocument"] = new(Access.Operator, Body.None),
        ["DecideReview"] = new(Access.Operator, Body.Json),
        ["OpenGraduate"] = new(Access.Operator, Body.None),
        ["CorrectGraduate"] = new(Access.Operator, Body.Json),
        ["FindGraduates"] = new(Access.Operator, Body.None),
        ["GetDashboard"] = new(Access.Operator, Body.None),
        ["ExportDefaulted"] = new(Access.Operator, Body.None),
        ["ListAudit"] = new(Access.Supervisor, Body.None),
        ["StartOperatorIndexResync"] = new(Access.Supervisor, Body.None),
        ["GetOperatorIndexResync"] = new(Access.Supervisor, Body.None),
    };

    /// <summary>Every HTTP function that functions.metadata (what the Functions host reads) declares: name, route, first method.</summary>
    public static IEnumerable<(string Name, string Route, string Method)> Routes() =>
        from entry in FunctionsMetadata.Read(FunctionsMetadata.Path())
        where entry.TriggerType == "httpTrigger"
        let methodsAndRoute = entry.Detail.Split(' ', 2)
        select (entry.Name, methodsAndRoute[1], methodsAndRoute[0].Split(',')[0].ToUpperInvariant());

    public static RouteExpectation Of(string name) =>
        Expected.TryGetValue(name, out var expectation)
            ? expectation
            : throw new Xunit.Sdk.XunitException($"HTTP function '{name}' has no entry in RouteTable.Expected: say who may call it and what it reads.");

    public static string Concrete(string route, string graduateId, string documentId) =>
        "/" + route.Replace("{graduateId}", graduateId, StringComparison.Ordinal).Replace("{id}", documentId, StringComparison.Ordinal);
}
