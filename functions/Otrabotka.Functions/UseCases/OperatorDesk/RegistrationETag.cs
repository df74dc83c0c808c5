using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases.OperatorDesk;

/// <summary>
/// The ETag an operator corrects a graduate with (If-Match): a strong tag of the registration's fields alone — what a
/// person edits — never of the profile row's storage ETag. Index sync rewrites that row on its own (the status and
/// region snapshot after a reminder run or a calendar move, the pension feed's state), and none of that is a change the
/// operator has not seen; any change of a registration field (another operator's correction, the graduate's own new
/// address) is, and changes this tag (ADR 0015).
/// </summary>
public static class RegistrationETag
{
    public static string Of(GraduateRecord graduate)
    {
        var fields = RegistrationFields.Of(graduate).OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => new[] { pair.Key, pair.Value });
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(fields)));
        return "\"r-" + Convert.ToHexStringLower(hash.AsSpan(0, 16)) + "\"";
    }
}
