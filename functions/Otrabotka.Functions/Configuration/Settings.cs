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

    public string FromName { get; set; } = "Қаржы орталығы / Финансовый центр";
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
