namespace Otrabotka.Functions.Http.OpenApi;

/// <summary>Query parameters a function reads: each property of the type is one optional parameter.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ApiQueryAttribute(Type type) : Attribute
{
    public Type Type { get; } = type;
}
