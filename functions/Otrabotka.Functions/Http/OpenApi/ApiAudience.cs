namespace Otrabotka.Functions.Http.OpenApi;

/// <summary>Who an operation is for: the OpenAPI tag it is listed under.</summary>
public enum ApiAudience
{
    Graduate,
    Employer,
    Operator,
    Public,
    Health,
}
