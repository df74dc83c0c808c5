using System.ComponentModel.DataAnnotations;

namespace Otrabotka.Functions.Configuration;

/// <summary>SendGrid: the key, the sender, and the API base URL (the client adds /v3/mail/send).</summary>
public sealed class SendGridSettings
{
    public const string Section = "SendGrid";

    [Required(ErrorMessage = "Setting 'SendGrid__ApiKey' is missing.")]
    public string ApiKey { get; set; } = "";

    [Required(ErrorMessage = "Setting 'SendGrid__BaseUrl' is missing.")]
    [Url(ErrorMessage = "Setting 'SendGrid__BaseUrl' must be an absolute URL such as https://api.sendgrid.com.")]
    public string BaseUrl { get; set; } = "https://api.sendgrid.com";

    [Required(ErrorMessage = "Setting 'SendGrid__FromEmail' is missing.")]
    [EmailAddress(ErrorMessage = "Setting 'SendGrid__FromEmail' must be an e-mail address.")]
    public string FromEmail { get; set; } = "";

    public string FromName { get; set; } = "«Қаржы орталығы» АҚ / АО «Финансовый центр»";
}

/// <summary>Application settings that are not tied to one adapter.</summary>
public sealed class OtrabotkaSettings
{
    public const string Section = "Otrabotka";

    /// <summary>scheme://host[:port] of the public site; employer links are built from it.</summary>
    [Required(ErrorMessage = "Setting 'Otrabotka__PublicBaseUrl' is missing.")]
    [Url(ErrorMessage = "Setting 'Otrabotka__PublicBaseUrl' must be an absolute URL.")]
    public string PublicBaseUrl { get; set; } = "";
}

/// <summary>
/// Bearer tokens (docs/decisions/0005-auth-and-links.md). Each role may have its own identity provider
/// (<c>Auth:Graduate</c>, <c>Auth:Operator</c>: graduates through the state's eGov IdP, operators through
/// Entra); a role without one uses the top-level provider: OpenID Connect metadata
/// (<c>Auth:MetadataAddress</c>) or, locally, a development SigningKey (at least 32 characters).
/// Empty values mean "not set": an empty Issuer is taken from the metadata.
/// </summary>
public sealed class AuthSettings : IValidatableObject
{
    public const string Section = "Auth";
    public const string DevelopmentIssuer = "otrabotka-local";
    public const string DevelopmentAudience = "otrabotka";

    private static readonly string[] SharedAuthorities = ["common", "organizations", "consumers"];

    public string? MetadataAddress { get; set; }
    public string? SigningKey { get; set; }
    public string? Issuer { get; set; }
    public string? Audience { get; set; }
    public string? SubjectClaim { get; set; }
    public string? RoleClaim { get; set; }

    public IdentityProviderSettings Graduate { get; set; } = new();
    public IdentityProviderSettings Operator { get; set; } = new();

    /// <summary>Supervisors (who read the operators' audit trail); in Azure the operators' tenant with the app role "supervisor".</summary>
    public IdentityProviderSettings Supervisor { get; set; } = new();

    /// <summary>The development key's issuer: Auth:Issuer, or "otrabotka-local".</summary>
    public string TokenIssuer => NonEmpty(Issuer) ?? DevelopmentIssuer;

    public string TokenAudience => NonEmpty(Audience) ?? DevelopmentAudience;

    public string TokenSubjectClaim => NonEmpty(SubjectClaim) ?? "sub";

    public string TokenRoleClaim => NonEmpty(RoleClaim) ?? "roles";

    public bool HasSigningKey => !string.IsNullOrEmpty(SigningKey);

    public static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Why a metadata address cannot be trusted (not https, or a multi-tenant authority), or null.</summary>
    public static string? MetadataProblem(string address)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
        {
            return "must be an absolute https URL.";
        }

        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Any(s => SharedAuthorities.Contains(s, StringComparer.OrdinalIgnoreCase))
            ? "must name a tenant-specific authority (not common, organizations or consumers): their issuer is a template no token carries."
            : null;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var topLevel = NonEmpty(MetadataAddress) is not null || (SigningKey?.Length ?? 0) >= 32;
        if (!topLevel && (!Graduate.Configured || !Operator.Configured))
        {
            yield return new ValidationResult("Setting 'Auth__MetadataAddress' or 'Auth__SigningKey' (32+ characters) is missing, and not every role has its own provider (Auth__Graduate__MetadataAddress, Auth__Operator__MetadataAddress).");
        }

        if (HasSigningKey && SigningKey!.Length < 32)
        {
            yield return new ValidationResult("Setting 'Auth__SigningKey' must have 32+ characters.");
        }

        if (NonEmpty(MetadataAddress) is { } address && MetadataProblem(address) is { } problem)
        {
            yield return new ValidationResult($"Setting 'Auth__MetadataAddress' {problem}");
        }

        foreach (var result in Graduate.Validate("Auth__Graduate").Concat(Operator.Validate("Auth__Operator")).Concat(Supervisor.Validate("Auth__Supervisor")))
        {
            yield return result;
        }

        if (Supervisor.Configured && NonEmpty(Supervisor.RoleClaim) is null)
        {
            // Supervisors share the operators' tenant: without a role claim every operator would be one.
            yield return new ValidationResult("Setting 'Auth__Supervisor__RoleClaim' is missing: a claim that must list 'supervisor'.");
        }
    }
}

/// <summary>Employer confirmation links and uploads.</summary>
public sealed class IntakeSettings : IValidatableObject
{
    public const string Section = "Intake";

    /// <summary>HMAC key for employer confirmation tokens (at least 32 characters).</summary>
    public string? EmployerLinkKey { get; set; }

    public int EmployerLinkDays { get; set; } = 14;

    /// <summary>Employer e-mails (uploads, re-issues, reminders) per graduate per Almaty day.</summary>
    [Range(1, 1000, ErrorMessage = "Setting 'Intake__EmployerMailsPerDay' must be between 1 and 1000.")]
    public int EmployerMailsPerDay { get; set; } = 10;

    /// <summary>Distinct employer addresses written to per graduate per Almaty day.</summary>
    [Range(1, 100, ErrorMessage = "Setting 'Intake__EmployerAddressesPerDay' must be between 1 and 100.")]
    public int EmployerAddressesPerDay { get; set; } = 3;

    /// <summary>The intake sweep leaves files younger than this to the blob trigger.</summary>
    public double SweepMinimumAgeSeconds { get; set; } = 60;

    /// <summary>A document still "received" this long after it was recorded is swept (validated again, or failed); longer than an upload link lives.</summary>
    public double ReceivedTimeoutMinutes { get; set; } = 60;

    /// <summary>Public mail services whose addresses cannot confirm a hire alone (comma-separated; '*.' prefixes allowed).</summary>
    public string PublicMailDomains { get; set; } =
        "gmail.com,googlemail.com,mail.ru,inbox.ru,list.ru,bk.ru,internet.ru,yandex.*,ya.ru,outlook.com,hotmail.com,live.com,yahoo.com,icloud.com,me.com,rambler.ru,proton.me,protonmail.com";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (EmployerLinkKey is null || EmployerLinkKey.Length < 32)
        {
            yield return new ValidationResult("Setting 'Intake__EmployerLinkKey' (32+ characters) is missing.");
        }

        if (ReceivedTimeoutMinutes <= 15)
        {
            yield return new ValidationResult("Setting 'Intake__ReceivedTimeoutMinutes' must be more than 15 (an upload link lives 15 minutes).");
        }
    }
}

/// <summary>E-mail delivery: retries of 429/5xx after base × 2^(attempt−1) seconds (at most 64 × base, at most 3 minutes), for 24 hours (DispatchNotification), and the in-process dispatch workers.</summary>
public sealed class NotificationSettings
{
    public const string Section = "Notifications";

    [Range(0.01, 3600, ErrorMessage = "Setting 'Notifications__RetryBaseSeconds' must be between 0.01 and 3600.")]
    public double RetryBaseSeconds { get; set; } = 2;

    /// <summary>
    /// Dispatches run at a time by the process that committed them (ADR 0031); 0: every dispatch message goes through
    /// the dispatch queue.
    /// </summary>
    [Range(0, 64, ErrorMessage = "Setting 'Notifications__DispatchWorkers' must be between 0 and 64.")]
    public int DispatchWorkers { get; set; } = 16;
}

/// <summary>
/// Malware verdicts: where they come from (<c>Malware__Source</c>: <c>configured</c>, the default, answers
/// <c>Malware__Verdict</c> for every file — clean by default; malicious, pending or none for tests;
/// <c>defender</c> reads Defender for Storage's blob index tag), and how long a just-uploaded file may wait
/// for Defender's scan before it counts as not scanned (<c>Malware__WaitSeconds</c>).
/// </summary>
public sealed class MalwareSettings
{
    public const string Section = "Malware";

    public Adapters.MalwareSource Source { get; set; } = Adapters.MalwareSource.Configured;

    public Adapters.MalwareVerdict Verdict { get; set; } = Adapters.MalwareVerdict.Clean;

    [Range(0, 600, ErrorMessage = "Setting 'Malware__WaitSeconds' must be between 0 and 600.")]
    public double WaitSeconds { get; set; } = 30;
}
