namespace Otrabotka.Functions.UseCases.OperatorDesk;

/// <summary>What the audit trail records: operators' reads of personal data, and their changes.</summary>
public static class AuditActions
{
    public const string GraduateOpened = "graduate-opened";
    public const string ObligationRead = "obligation-read";
    public const string DocumentsRead = "documents-read";
    public const string DocumentPreviewed = "document-previewed";
    public const string GraduatesSearched = "graduates-searched";
    public const string DefaultedExported = "defaulted-exported";
    public const string GraduateCorrected = "graduate-corrected";
    public const string GraduateRegistered = "graduate-registered";
    public const string GraduatesImported = "graduates-imported";
    public const string DocumentFiled = "document-filed";
    public const string ExemptionRecorded = "exemption-recorded";
    public const string DefaultDeclared = "default-declared";
    public const string ReviewDecided = "review-decided";
    public const string FeedRead = "feed-read";
    public const string FeedReviewsRead = "feed-reviews-read";
    public const string FeedFlagsRead = "feed-flags-read";
    public const string FeedConsentSet = "feed-consent-set";
    public const string FeedUploaded = "feed-uploaded";
    public const string RegistryImported = "registry-imported";
    public const string RegistryEntrySet = "registry-entry-set";
    public const string IndexResyncStarted = "index-resync-started";
}
