using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Otrabotka.Functions.Configuration;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace Otrabotka.Functions.Adapters;

public sealed record EmailMessage(string To, string Subject, string Text, string Html, IReadOnlyDictionary<string, string> CustomArgs);
