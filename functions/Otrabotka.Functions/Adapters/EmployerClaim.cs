using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Otrabotka.Functions.Configuration;

namespace Otrabotka.Functions.Adapters;

/// <summary>What an employer link's token says: which document, for which employer e-mail, which version, issued when.</summary>
public sealed record EmployerClaim(string GraduateId, string DocumentId, string Email, int Version, DateTimeOffset IssuedAt);
