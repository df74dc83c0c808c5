namespace Otrabotka.Functions.Http.OpenApi;

/// <summary>A request header a function reads (beyond Authorization and Accept-Language, which the document declares for every operation that uses them).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ApiHeaderAttribute(string name, string description) : Attribute
{
    public string Name { get; } = name;

    public string Description { get; } = description;
}
