using System.Text.Json;
using System.Text.Json.Serialization;

namespace Otrabotka.Functions.Http.Contracts;

/// <summary>An RFC 9457 problem as the app writes it: a stable code, texts in the caller's language, field errors, and extensions.</summary>
public sealed record ProblemBody(string Type, string Title, int Status, string Detail, string Code, IReadOnlyList<ProblemFieldError>? Errors = null)
{
    /// <summary>Members a problem adds, e.g. <c>graduateId</c> of the graduate a 409 names.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Extensions { get; init; }
}
