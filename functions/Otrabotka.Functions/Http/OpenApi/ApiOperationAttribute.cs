namespace Otrabotka.Functions.Http.OpenApi;

/// <summary>An HTTP function's entry in the OpenAPI document: summary, audience (tag) and access; the operation id is the function's name.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ApiOperationAttribute(ApiAudience audience, ApiAccess access, string summary, string description) : Attribute
{
    public ApiAudience Audience { get; } = audience;

    public ApiAccess Access { get; } = access;

    public string Summary { get; } = summary;

    public string Description { get; } = description;
}
