using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Otrabotka.Functions.Configuration;

namespace Otrabotka.Functions.Adapters;

/// <summary>
/// HMAC-SHA256 signed employer tokens. The link carries the token in the URL fragment so it never
/// reaches a server log. Single use and revocation are decided against the document (its version).
/// </summary>
public sealed class EmployerTokens(IOptions<IntakeSettings> settings, TimeProvider time)
{
    /// <summary>How many days a link stays valid (the texts quote it).</summary>
    public int LinkDays => settings.Value.EmployerLinkDays;

    public string Issue(EmployerClaim claim)
    {
        var payload = string.Join('|', claim.GraduateId, claim.DocumentId, claim.Email.ToLowerInvariant(), claim.Version.ToString(CultureInfo.InvariantCulture), claim.IssuedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        var body = Base64Url(Encoding.UTF8.GetBytes(payload));
        return body + "." + Base64Url(Sign(body));
    }

    public string Link(string publicBaseUrl, string token) => $"{publicBaseUrl.TrimEnd('/')}/confirm#t={token}";

    public (EmployerClaim? Claim, TokenProblem Problem) Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1024 || token.Split('.') is not [var body, var signature])
        {
            return (null, TokenProblem.Malformed);
        }

        byte[] given;
        byte[] payloadBytes;
        try
        {
            given = FromBase64Url(signature);
            payloadBytes = FromBase64Url(body);
        }
        catch (FormatException)
        {
            return (null, TokenProblem.Malformed);
        }

        if (!CryptographicOperations.FixedTimeEquals(given, Sign(body)))
        {
            return (null, TokenProblem.Tampered);
        }

        var parts = Encoding.UTF8.GetString(payloadBytes).Split('|');
        if (parts.Length != 5 || !int.TryParse(parts[3], CultureInfo.InvariantCulture, out var version) || !long.TryParse(parts[4], CultureInfo.InvariantCulture, out var issued))
        {
            return (null, TokenProblem.Malformed);
        }

        var claim = new EmployerClaim(parts[0], parts[1], parts[2], version, DateTimeOffset.FromUnixTimeSeconds(issued));
        return time.GetUtcNow() > claim.IssuedAt.AddDays(settings.Value.EmployerLinkDays) ? (claim, TokenProblem.Expired) : (claim, TokenProblem.None);
    }

    /// <summary>Public mail services (gmail.com, mail.ru, yandex.*, …) cannot confirm a hire alone.</summary>
    public bool IsPublicMail(string email)
    {
        var domain = email[(email.LastIndexOf('@') + 1)..].ToLowerInvariant();
        foreach (var entry in settings.Value.PublicMailDomains.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var pattern = entry.ToLowerInvariant();
            if (pattern.EndsWith(".*", StringComparison.Ordinal) ? domain.StartsWith(pattern[..^1], StringComparison.Ordinal) : domain == pattern)
            {
                return true;
            }
        }

        return false;
    }

    private byte[] Sign(string body) => HMACSHA256.HashData(Encoding.UTF8.GetBytes(settings.Value.EmployerLinkKey!), Encoding.ASCII.GetBytes(body));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }
}
