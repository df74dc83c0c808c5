using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Otrabotka.Domain;
using Otrabotka.Functions.Configuration;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.Notifications;

/// <summary>Whether one more employer e-mail may go out today for a graduate, and if not, when it may.</summary>
public sealed record QuotaDecision(bool Allowed, TimeSpan RetryAfter)
{
    public static QuotaDecision Yes { get; } = new(true, TimeSpan.Zero);
}
