namespace Otrabotka.Functions.Http.OpenApi;

/// <summary>A success a function really answers: status, body type (none for 204), media type, and whether a Location header comes with it.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ApiResponseAttribute(int status, Type? type = null) : Attribute
{
    public int Status { get; } = status;

    public Type? Type { get; } = type;

    public string ContentType { get; init; } = MediaTypes.Json;

    public bool Location { get; init; }

    public string? Description { get; init; }

    public string? Example { get; init; }
}
