namespace Otrabotka.Functions.Configuration;

/// <summary>Where a setting must be set: in both hosts, only in Azure (the Bicep), or only locally (the sample).</summary>
public enum SettingScope
{
    Both,
    Azure,
    Local,
}

public sealed record SettingInfo(string Name, SettingScope Scope, string Meaning);

/// <summary>
/// Every setting the app reads, in one list. A test checks that each "both" and "azure" setting is set by
/// infra/app/function.bicep and each "both" and "local" one is in local.settings.sample.json.
/// </summary>
public static class SettingsCatalog
{
    public static readonly IReadOnlyList<SettingInfo> All =
    [
        new("AzureWebJobsStorage", SettingScope.Local, "storage connection string (Azurite)"),
        new("AzureWebJobsStorage__blobServiceUri", SettingScope.Azure, "identity-based storage: blob endpoint"),
        new("AzureWebJobsStorage__queueServiceUri", SettingScope.Azure, "identity-based storage: queue endpoint"),
        new("AzureWebJobsStorage__tableServiceUri", SettingScope.Azure, "identity-based storage: table endpoint"),
        new("AzureWebJobsStorage__credential", SettingScope.Azure, "managedidentity"),
        new("AzureWebJobsStorage__clientId", SettingScope.Azure, "the user-assigned identity's client id"),
        new("FUNCTIONS_WORKER_RUNTIME", SettingScope.Local, "dotnet-isolated (Flex Consumption takes it from functionAppConfig)"),
        new("AZURE_FUNCTIONS_ENVIRONMENT", SettingScope.Local, "Development locally"),
        new("APPLICATIONINSIGHTS_CONNECTION_STRING", SettingScope.Azure, "telemetry"),
        new("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", SettingScope.Azure, "Entra authentication of telemetry"),
        new("Otrabotka__PublicBaseUrl", SettingScope.Both, "where links in e-mails point"),
        new("Auth__MetadataAddress", SettingScope.Azure, "OpenID Connect metadata of the token issuer"),
        new("Auth__SigningKey", SettingScope.Local, "development token signing key"),
        new("Auth__Issuer", SettingScope.Both, "expected token issuer"),
        new("Auth__Audience", SettingScope.Both, "expected token audience"),
        new("Auth__SubjectClaim", SettingScope.Both, "the claim that carries a graduate's IIN"),
        new("SendGrid__ApiKey", SettingScope.Both, "SendGrid key (Key Vault reference in Azure)"),
        new("SendGrid__BaseUrl", SettingScope.Both, "SendGrid API base URL (the local host's capture locally)"),
        new("SendGrid__FromEmail", SettingScope.Both, "sender address"),
        new("SendGrid__FromName", SettingScope.Both, "sender name"),
        new("Intake__EmployerLinkKey", SettingScope.Both, "HMAC key of employer links (Key Vault reference in Azure)"),
        new("ReminderSchedule", SettingScope.Both, "daily reminder run"),
        new("OutboxSweepSchedule", SettingScope.Both, "outbox sweeper"),
        new("IntakeSweepSchedule", SettingScope.Both, "intake sweeper"),
        new("Notifications__RetryBaseSeconds", SettingScope.Both, "e-mail retry back-off base"),
        new("Import__InlineRowLimit", SettingScope.Both, "CSV rows answered at once; a larger import becomes a job (202 + status)"),
        new("Import__ChunkRows", SettingScope.Both, "rows per import chunk (one queue message, one execution)"),
        new("Reminders__InlineLimit", SettingScope.Both, "due reminders sent at once; more become a chunked run (202 + status)"),
        new("Reminders__ChunkSize", SettingScope.Both, "reminders per run chunk"),
        new("Reminders__SendRatePerSecond", SettingScope.Both, "reminders a run hands to the outbox per second"),
        new("Reminders__ChunkSeconds", SettingScope.Both, "a chunk stops taking reminders after this many seconds"),
    ];
}
