namespace Otrabotka.Functions.Http.OpenApi;

/// <summary>
/// Problem statuses (RFC 9457) a function's use case answers. Those the shared edge adds — the bearer
/// check's 401/403(/404), and 400/413/415 of a JSON or multipart body — follow from <see cref="ApiAccess"/>
/// and <see cref="ApiRequestAttribute"/> and need not be listed.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ApiProblemAttribute(params int[] statuses) : Attribute
{
    public IReadOnlyList<int> Statuses { get; } = statuses;
}
