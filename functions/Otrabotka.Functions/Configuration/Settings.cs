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
/// Bearer tokens. In Azure: MetadataAddress (OpenID Connect), Issuer, Audience. Locally: a development
/// SigningKey (at least 32 characters). The claim carrying the graduate's IIN is configurable.
/// </summary>
public sealed class AuthSettings : IValidatableObject
{
    public const string Section = "Auth";

    public string? MetadataAddress { get; set; }
    public string? SigningKey { get; set; }
    public string? Issuer { get; set; } = "otrabotka-local";
    public string? Audience { get; set; } = "otrabotka";
    public string SubjectClaim { get; set; } = "sub";
    public string RoleClaim { get; set; } = "roles";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(MetadataAddress) && (SigningKey is null || SigningKey.Length < 32))
        {
            yield return new ValidationResult("Setting 'Auth__MetadataAddress' or 'Auth__SigningKey' (32+ characters) is missing.");
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

    /// <summary>The intake sweep leaves files younger than this to the blob trigger.</summary>
    public double SweepMinimumAgeSeconds { get; set; } = 60;

    /// <summary>Public mail services whose addresses cannot confirm a hire alone (comma-separated; '*.' prefixes allowed).</summary>
    public string PublicMailDomains { get; set; } =
        "gmail.com,googlemail.com,mail.ru,inbox.ru,list.ru,bk.ru,internet.ru,yandex.*,ya.ru,outlook.com,hotmail.com,live.com,yahoo.com,icloud.com,me.com,rambler.ru,proton.me,protonmail.com";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (EmployerLinkKey is null || EmployerLinkKey.Length < 32)
        {
            yield return new ValidationResult("Setting 'Intake__EmployerLinkKey' (32+ characters) is missing.");
        }
    }
}

/// <summary>E-mail delivery retries: 429/5xx are retried after base × 2^(attempt−1) seconds.</summary>
public sealed class NotificationSettings
{
    public const string Section = "Notifications";

    [Range(0.01, 3600, ErrorMessage = "Setting 'Notifications__RetryBaseSeconds' must be between 0.01 and 3600.")]
    public double RetryBaseSeconds { get; set; } = 2;
}
