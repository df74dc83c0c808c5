namespace Otrabotka.Functions.Http.OpenApi;

/// <summary>
/// What an operation demands of the caller. Graduate and operator calls pass the app's bearer check
/// (401 without a valid token, 403 with another role); a graduate's call also answers 404 when the
/// token's IIN is not on the graduates' list.
/// </summary>
public enum ApiAccess
{
    Anonymous,
    Graduate,
    Operator,
    Supervisor,
}
