namespace Otrabotka.Functions.Http.OpenApi;

/// <summary>The request body a function reads: the C# type its schema comes from, its media type, and an example (JSON text).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ApiRequestAttribute(Type type) : Attribute
{
    public Type Type { get; } = type;

    public string ContentType { get; init; } = MediaTypes.Json;

    public bool Required { get; init; } = true;

    public string? Example { get; init; }
}
