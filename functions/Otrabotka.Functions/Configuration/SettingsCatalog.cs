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
        new("Auth__SigningKey", SettingScope.Local, "development token signing key (never in Azure)"),
        new("Auth__Issuer", SettingScope.Local, "issuer of development tokens"),
        new("Auth__Audience", SettingScope.Local, "audience of development tokens"),
        new("Auth__SubjectClaim", SettingScope.Local, "the claim of development tokens that carries the subject"),
        new("Auth__Graduate__MetadataAddress", SettingScope.Azure, "graduates' identity provider (eGov IdP): OpenID Connect metadata, tenant-specific"),
        new("Auth__Graduate__Issuer", SettingScope.Azure, "graduates' token issuer (empty: the metadata's)"),
        new("Auth__Graduate__Audience", SettingScope.Azure, "graduates' token audience"),
        new("Auth__Graduate__SubjectClaim", SettingScope.Azure, "the claim in which the graduates' provider puts the verified IIN"),
        new("Auth__Graduate__RoleClaim", SettingScope.Azure, "a claim that must list 'graduate' (empty: none)"),
        new("Auth__Operator__MetadataAddress", SettingScope.Azure, "operators' identity provider (Entra tenant): OpenID Connect metadata"),
        new("Auth__Operator__Issuer", SettingScope.Azure, "operators' token issuer (empty: the metadata's)"),
        new("Auth__Operator__Audience", SettingScope.Azure, "operators' token audience"),
        new("Auth__Operator__SubjectClaim", SettingScope.Azure, "the claim that names an operator"),
        new("Auth__Operator__RoleClaim", SettingScope.Azure, "a claim that must list 'operator' (Entra app roles)"),
        new("SendGrid__ApiKey", SettingScope.Both, "SendGrid key (Key Vault reference in Azure)"),
        new("SendGrid__BaseUrl", SettingScope.Both, "SendGrid API base URL (the local host's capture locally)"),
        new("SendGrid__FromEmail", SettingScope.Both, "sender address"),
        new("SendGrid__FromName", SettingScope.Both, "sender name"),
        new("Intake__EmployerLinkKey", SettingScope.Both, "HMAC key of employer links (Key Vault reference in Azure)"),
        new("ReminderSchedule", SettingScope.Both, "daily reminder run"),
        new("OutboxSweepSchedule", SettingScope.Both, "outbox sweeper"),
        new("IntakeSweepSchedule", SettingScope.Both, "intake sweeper"),
        new("Notifications__RetryBaseSeconds", SettingScope.Both, "e-mail retry back-off base"),
    ];
}
