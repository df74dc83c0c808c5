using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Otrabotka.Functions.Configuration;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace Otrabotka.Functions.Adapters;

public sealed record EmailResult(EmailOutcome Outcome, int StatusCode, string? MessageId, string? Error);
