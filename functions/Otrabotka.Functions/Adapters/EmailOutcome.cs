using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Otrabotka.Functions.Configuration;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace Otrabotka.Functions.Adapters;

public enum EmailOutcome
{
    Sent,
    /// <summary>429 or 5xx: try again later.</summary>
    Transient,
    /// <summary>Any other 4xx (a bad address, a refused sender): retrying will not help.</summary>
    Permanent,
}
