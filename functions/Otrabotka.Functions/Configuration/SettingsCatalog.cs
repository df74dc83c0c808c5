namespace Otrabotka.Functions.Configuration;

/// <summary>Where a setting must be set: in both hosts, only in Azure (the Bicep), or only locally (the sample).</summary>
public enum SettingScope
{
    Both,
    Azure,
    Local,
}

/// <summary>Where a setting comes from when the app runs off Azure (deploy/k8s: the container image on a cluster).</summary>
public enum OffAzure
{
    /// <summary>Not set off Azure (an Azure-only setting, or optional).</summary>
    NotSet,

    /// <summary>A plain value in the ConfigMap (deploy/k8s/configmap.yaml).</summary>
    ConfigMap,

    /// <summary>A secret value in the Secret (deploy/k8s/secret.example.yaml holds only placeholders).</summary>
    Secret,

    /// <summary>Development only: must never be set outside Development (a development key, a stand-in).</summary>
    DevelopmentOnly,
}

/// <param name="OffAzureTag">
/// The <c>off-azure</c> tag: where the setting lives when the app runs off Azure. When not given, a
/// "both" setting goes to the ConfigMap, a "local" one is development-only and an "azure" one is not set.
/// </param>
public sealed record SettingInfo(string Name, SettingScope Scope, string Meaning, OffAzure? OffAzureTag = null)
{
    public OffAzure OffAzure => OffAzureTag ?? Scope switch
    {
        SettingScope.Both => OffAzure.ConfigMap,
        SettingScope.Local => OffAzure.DevelopmentOnly,
        _ => OffAzure.NotSet,
    };
}

/// <summary>
/// Every setting the app reads, in one list. A test checks that each "both" and "azure" setting is set by
/// infra/app/function.bicep and each "both" and "local" one is in local.settings.sample.json; another that
/// deploy/k8s sets each off-azure ConfigMap and Secret setting, and no development-only one.
/// </summary>
public static class SettingsCatalog
{
    public static readonly IReadOnlyList<SettingInfo> All =
    [
        new("AzureWebJobsStorage", SettingScope.Local, "storage connection string (Azurite; off Azure the in-country storage)", OffAzure.Secret),
        new("AzureWebJobsStorage__blobServiceUri", SettingScope.Azure, "identity-based storage: blob endpoint"),
        new("AzureWebJobsStorage__queueServiceUri", SettingScope.Azure, "identity-based storage: queue endpoint"),
        new("AzureWebJobsStorage__tableServiceUri", SettingScope.Azure, "identity-based storage: table endpoint"),
        new("AzureWebJobsStorage__credential", SettingScope.Azure, "managedidentity"),
        new("AzureWebJobsStorage__clientId", SettingScope.Azure, "the user-assigned identity's client id"),
        new("FUNCTIONS_WORKER_RUNTIME", SettingScope.Local, "dotnet-isolated (Flex Consumption takes it from functionAppConfig)", OffAzure.ConfigMap),
        new("AZURE_FUNCTIONS_ENVIRONMENT", SettingScope.Local, "Development locally; Production off Azure", OffAzure.ConfigMap),
        new("APPLICATIONINSIGHTS_CONNECTION_STRING", SettingScope.Azure, "telemetry"),
        new("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", SettingScope.Azure, "Entra authentication of telemetry"),
        new("Otrabotka__PublicBaseUrl", SettingScope.Both, "where links in e-mails point"),
        new("Auth__SigningKey", SettingScope.Local, "development token signing key (never in Azure)"),
        new("Auth__Issuer", SettingScope.Local, "issuer of development tokens"),
        new("Auth__Audience", SettingScope.Local, "audience of development tokens"),
        new("Auth__SubjectClaim", SettingScope.Local, "the claim of development tokens that carries the subject"),
        new("Auth__Graduate__MetadataAddress", SettingScope.Azure, "graduates' identity provider (eGov IdP): OpenID Connect metadata, tenant-specific", OffAzure.ConfigMap),
        new("Auth__Graduate__Issuer", SettingScope.Azure, "graduates' token issuer (empty: the metadata's)"),
        new("Auth__Graduate__Audience", SettingScope.Azure, "graduates' token audience", OffAzure.ConfigMap),
        new("Auth__Graduate__SubjectClaim", SettingScope.Azure, "the claim in which the graduates' provider puts the verified IIN", OffAzure.ConfigMap),
        new("Auth__Graduate__RoleClaim", SettingScope.Azure, "a claim that must list 'graduate' (empty: none)"),
        new("Auth__Operator__MetadataAddress", SettingScope.Azure, "operators' identity provider (Entra tenant): OpenID Connect metadata", OffAzure.ConfigMap),
        new("Auth__Operator__Issuer", SettingScope.Azure, "operators' token issuer (empty: the metadata's)"),
        new("Auth__Operator__Audience", SettingScope.Azure, "operators' token audience", OffAzure.ConfigMap),
        new("Auth__Operator__SubjectClaim", SettingScope.Azure, "the claim that names an operator", OffAzure.ConfigMap),
        new("Auth__Operator__RoleClaim", SettingScope.Azure, "a claim that must list 'operator' (Entra app roles)", OffAzure.ConfigMap),
        new("Auth__Supervisor__MetadataAddress", SettingScope.Azure, "supervisors' identity provider (the operators' Entra tenant): OpenID Connect metadata", OffAzure.ConfigMap),
        new("Auth__Supervisor__Issuer", SettingScope.Azure, "supervisors' token issuer (empty: the metadata's)"),
        new("Auth__Supervisor__Audience", SettingScope.Azure, "supervisors' token audience", OffAzure.ConfigMap),
        new("Auth__Supervisor__SubjectClaim", SettingScope.Azure, "the claim that names a supervisor", OffAzure.ConfigMap),
        new("Auth__Supervisor__RoleClaim", SettingScope.Azure, "a claim that must list 'supervisor' (Entra app roles; required)", OffAzure.ConfigMap),
        new("SendGrid__ApiKey", SettingScope.Both, "SendGrid key (Key Vault reference in Azure)", OffAzure.Secret),
        new("SendGrid__BaseUrl", SettingScope.Both, "SendGrid API base URL (the local host's capture locally)"),
        new("SendGrid__FromEmail", SettingScope.Both, "sender address"),
        new("SendGrid__FromName", SettingScope.Both, "sender name"),
        new("Intake__EmployerLinkKey", SettingScope.Both, "HMAC key of employer links (Key Vault reference in Azure)", OffAzure.Secret),
        new("IinIndex__Key", SettingScope.Both, "HMAC key of the IIN index (Key Vault reference in Azure; the sample's development key is refused outside Development)", OffAzure.Secret),
        new("Malware__Source", SettingScope.Azure, "where malware verdicts come from: defender (Defender for Storage's blob index tag) in Azure; configured elsewhere", OffAzure.ConfigMap),
        new("Malware__Verdict", SettingScope.Local, "the configured verdict for every file: clean locally; none off Azure, where no scanner answers (every file goes to review)", OffAzure.ConfigMap),
        new("Malware__WaitSeconds", SettingScope.Azure, "how long a just-uploaded file waits for Defender's scan before it goes to review"),
        new("ReminderSchedule", SettingScope.Both, "daily reminder run"),
        new("OutboxSweepSchedule", SettingScope.Both, "outbox sweeper"),
        new("IntakeSweepSchedule", SettingScope.Both, "intake sweeper"),
        new("Notifications__RetryBaseSeconds", SettingScope.Both, "e-mail retry back-off base"),
        new("Notifications__DispatchWorkers", SettingScope.Both, "a commit's e-mails dispatched at once by the process that committed them (0: through the dispatch queue)"),
        new("Import__InlineRowLimit", SettingScope.Both, "CSV rows answered at once; a larger import becomes a job (202 + status)"),
        new("Import__ChunkRows", SettingScope.Both, "rows per import chunk (one queue message)"),
        new("Import__ChunkSeconds", SettingScope.Both, "an import chunk's execution starts no new piece of rows after this many seconds and queues the rest"),
        new("Feed__ChunkRows", SettingScope.Both, "rows per pension-feed or registry import chunk (one queue message, one execution)"),
        new("Feed__Parallelism", SettingScope.Both, "graduates a feed chunk works on at once"),
        new("Feed__ChunkSeconds", SettingScope.Both, "a feed chunk's execution aims to end within this many seconds, its graduates' index sync included, and queues the rest"),
        new("Reminders__InlineLimit", SettingScope.Both, "due reminders sent at once; more become a chunked run (202 + status)"),
        new("Reminders__ChunkSize", SettingScope.Both, "reminders per run chunk"),
        new("Reminders__SendRatePerSecond", SettingScope.Both, "reminders a run hands to the outbox per second"),
        new("Reminders__ChunkSeconds", SettingScope.Both, "a chunk stops taking reminders after this many seconds"),
    ];
}
