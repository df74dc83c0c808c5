using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Otrabotka.Functions.Configuration;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace Otrabotka.Functions.Adapters;

/// <summary>Sends through SendGrid's own C# client; locally its base URL points at the capture endpoint.</summary>
public sealed partial class SendGridEmailSender(IOptions<SendGridSettings> settings, ILogger<SendGridEmailSender> logger) : IEmailSender
{
    private readonly SendGridClient client = new(new SendGridClientOptions
    {
        ApiKey = settings.Value.ApiKey,
        Host = settings.Value.BaseUrl.TrimEnd('/'),
    });

    public async Task<EmailResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var mail = MailHelper.CreateSingleEmail(
            new EmailAddress(settings.Value.FromEmail, settings.Value.FromName),
            new EmailAddress(message.To),
            message.Subject,
            message.Text,
            message.Html);
        foreach (var (key, value) in message.CustomArgs)
        {
            mail.AddCustomArg(key, value);
        }

        Response response;
        try
        {
            response = await client.SendEmailAsync(mail, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            LogUnreachable(logger, ex.Message);
            return new EmailResult(EmailOutcome.Transient, 0, null, ex.Message);
        }

        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            var id = response.Headers.TryGetValues("X-Message-Id", out var values) ? values.FirstOrDefault() : null;
            return new EmailResult(EmailOutcome.Sent, status, id, null);
        }

        var body = await response.Body.ReadAsStringAsync(cancellationToken);
        var transient = response.StatusCode == HttpStatusCode.TooManyRequests || status >= 500;
        LogRefused(logger, status);
        return new EmailResult(transient ? EmailOutcome.Transient : EmailOutcome.Permanent, status, null, Truncate(body, 500));
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    [LoggerMessage(Level = LogLevel.Warning, Message = "SendGrid unreachable: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SendGrid answered {Status}")]
    private static partial void LogRefused(ILogger logger, int status);
}
