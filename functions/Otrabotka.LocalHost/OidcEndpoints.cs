using System.Net;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.Tokens;
using Otrabotka.Domain;
using Otrabotka.Functions.Http;
using Otrabotka.Functions.Storage;

namespace Otrabotka.LocalHost;

/// <summary>The stand-in's routes under /dev/oidc: discovery, JWKS, authorize (sign-in page), token, end session.</summary>
internal static class OidcEndpoints
{
    public static void Map(WebApplication app)
    {
        const string p = OidcStandIn.PathBase;
        app.MapGet(p + "/.well-known/openid-configuration", (HttpContext context, OidcStandIn idp) => Cors(context, idp, Discovery(idp)));
        app.MapGet(p + "/jwks", (HttpContext context, OidcStandIn idp) => Cors(context, idp, Jwks(idp)));
        app.MapGet(p + "/authorize", Authorize);
        app.MapPost(p + "/authorize", SignIn).DisableAntiforgery();
        app.MapPost(p + "/token", Token).DisableAntiforgery();
        app.MapMethods(p + "/token", ["OPTIONS"], (HttpContext context, OidcStandIn idp) => Preflight(context, idp));
        app.MapMethods(p + "/jwks", ["OPTIONS"], (HttpContext context, OidcStandIn idp) => Preflight(context, idp));
        app.MapMethods(p + "/.well-known/openid-configuration", ["OPTIONS"], (HttpContext context, OidcStandIn idp) => Preflight(context, idp));
        app.MapGet(p + "/logout", Logout);
    }

    private static object Discovery(OidcStandIn idp) => new Dictionary<string, object>
    {
        ["issuer"] = idp.Issuer,
        ["authorization_endpoint"] = idp.Issuer + "/authorize",
        ["token_endpoint"] = idp.Issuer + "/token",
        ["jwks_uri"] = idp.Issuer + "/jwks",
        ["end_session_endpoint"] = idp.Issuer + "/logout",
        ["response_types_supported"] = new[] { "code" },
        ["response_modes_supported"] = new[] { "query" },
        ["grant_types_supported"] = new[] { "authorization_code" },
        ["subject_types_supported"] = new[] { "public" },
        ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        ["code_challenge_methods_supported"] = new[] { "S256" },
        ["token_endpoint_auth_methods_supported"] = new[] { "none" },
        ["scopes_supported"] = new[] { "openid", "profile" },
        ["claims_supported"] = new[] { "sub", "iin", "roles", "nonce", "auth_time" },
    };

    private static object Jwks(OidcStandIn idp)
    {
        var parameters = idp.Key.Rsa.ExportParameters(includePrivateParameters: false);
        return new
        {
            keys = new[]
            {
                new { kty = "RSA", use = "sig", alg = "RS256", kid = idp.Key.KeyId, n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) },
            },
        };
    }

    private static async Task<IResult> Authorize(HttpContext context, OidcStandIn idp, StorageClients storage)
    {
        var query = context.Request.Query;
        string? Get(string name) => query[name].Count == 1 ? query[name].ToString() : null;
        var clientId = Get("client_id");
        var redirectUri = Get("redirect_uri");
        // Never redirect to an unregistered address: the error is shown here (RFC 6749 §4.1.2.1).
        if (clientId is null || !idp.ClientIds.Contains(clientId) || redirectUri is null || !idp.RedirectUris.Contains(redirectUri))
        {
            return Html(400, OidcSignInPage.Error("unknown client_id or redirect_uri not registered"));
        }

        var state = Get("state");
        string? error = Get("response_type") != "code" ? "unsupported_response_type"
            : !(Get("scope") ?? "").Split(' ').Contains("openid") ? "invalid_scope"
            : Get("code_challenge_method") != "S256" || Get("code_challenge") is not { Length: 43 } ? "invalid_request"
            : null;
        if (error is not null)
        {
            return Results.Redirect(Callback(redirectUri, new() { ["error"] = error, ["state"] = state }));
        }

        var request = new AuthorizationRequest(clientId, redirectUri, state, Get("nonce"), Get("code_challenge")!, Get("scope")!, idp.Now.AddMinutes(10));
        var id = idp.Remember(request);
        return Html(200, OidcSignInPage.Render(id, await RegisteredAsync(storage, context.RequestAborted), message: null));
    }

    private static async Task<IResult> SignIn(HttpContext context, OidcStandIn idp, StorageClients storage)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var id = form["request"].ToString();
        if (idp.PendingRequest(id) is not { } request)
        {
            return Html(400, OidcSignInPage.Error("the sign-in request expired; start again from the application"));
        }

        if (form["action"] == "cancel")
        {
            return Results.Redirect(Callback(request.RedirectUri, new() { ["error"] = "access_denied", ["state"] = request.State }));
        }

        var role = form["role"].ToString();
        var subject = (role == Roles.Graduate ? form["iin"] : role == Roles.Supervisor ? form["supervisor"] : form["operator"]).ToString().Trim();
        var valid = role == Roles.Graduate ? Iin.Parse(subject).IsValid : role is Roles.Operator or Roles.Supervisor && subject.Length is > 0 and <= 64;
        if (!valid)
        {
            return Html(400, OidcSignInPage.Render(id, await RegisteredAsync(storage, context.RequestAborted), "Pick a graduate with a valid IIN, or an operator or supervisor name."));
        }

        var code = idp.IssueCode(id, request, role, subject);
        return Results.Redirect(Callback(request.RedirectUri, new() { ["code"] = code, ["state"] = request.State, ["iss"] = idp.Issuer }));
    }

    private static async Task<IResult> Token(HttpContext context, OidcStandIn idp)
    {
        AllowOrigin(context, idp);
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
        if (!context.Request.HasFormContentType)
        {
            return TokenError("invalid_request", "the body must be application/x-www-form-urlencoded");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (form["grant_type"] != "authorization_code")
        {
            return TokenError("unsupported_grant_type", "only authorization_code");
        }

        if (idp.Redeem(form["code"].ToString()) is not { } issued)
        {
            return TokenError("invalid_grant", "unknown, used or expired code");
        }

        var verifier = form["code_verifier"].ToString();
        if (form["client_id"] != issued.Request.ClientId || form["redirect_uri"] != issued.Request.RedirectUri)
        {
            return TokenError("invalid_grant", "client_id or redirect_uri differs from the authorization request");
        }

        if (verifier.Length is < 43 or > 128 || !verifier.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~') || !OidcStandIn.ChallengeMatches(verifier, issued.Request.CodeChallenge))
        {
            return TokenError("invalid_grant", "code_verifier does not match the code_challenge");
        }

        return Results.Json(new Dictionary<string, object>
        {
            ["access_token"] = idp.AccessToken(issued.Role, issued.Subject, issued.Request.ClientId),
            ["id_token"] = idp.IdToken(issued),
            ["token_type"] = "Bearer",
            ["expires_in"] = (int)idp.TokenLifetime.TotalSeconds,
            ["scope"] = issued.Request.Scope,
        });
    }

    private static IResult Logout(HttpContext context, OidcStandIn idp)
    {
        var target = context.Request.Query["post_logout_redirect_uri"].ToString();
        if (target.Length == 0)
        {
            return Html(200, OidcSignInPage.Error("signed out"));
        }

        return idp.RedirectUris.Contains(target)
            ? Results.Redirect(Callback(target, new() { ["state"] = context.Request.Query["state"].ToString() is { Length: > 0 } s ? s : null }))
            : Html(400, OidcSignInPage.Error("post_logout_redirect_uri not registered"));
    }

    /// <summary>How long the sign-in page waits for its list of registered graduates.</summary>
    private static readonly TimeSpan ListingTime = TimeSpan.FromSeconds(2);

    private static async Task<IReadOnlyList<(string Iin, string Name)>> RegisteredAsync(StorageClients storage, CancellationToken cancellationToken)
    {
        var list = new List<(string, string)>();
        // The profiles are found by row key alone, a scan of the table: on a large or busy store the page shows what was
        // found within ListingTime (the IIN field works either way) rather than keep the person waiting.
        using var listing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        listing.CancelAfter(ListingTime);
        try
        {
            var filter = GraduateStore.ProfileFilter;
            await foreach (var entity in storage.Table(StorageNames.GraduatesTable).QueryAsync<Azure.Data.Tables.TableEntity>(filter, maxPerPage: 50, cancellationToken: listing.Token))
            {
                var graduate = GraduateStore.ToGraduate(entity);
                list.Add((graduate.Iin, graduate.FullName));
                if (list.Count == 50)
                {
                    break;
                }
            }
        }
        catch (Azure.RequestFailedException)
        {
            // No storage yet: the page still lets a person type an IIN.
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Out of time: the page lists what was found.
        }

        return list;
    }

    private static string Callback(string redirectUri, Dictionary<string, string?> values) =>
        QueryHelpers.AddQueryString(redirectUri, values.Where(v => v.Value is not null).Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)));

    private static IResult TokenError(string error, string description) =>
        Results.Json(new { error, error_description = description }, statusCode: 400);

    private static IResult Cors(HttpContext context, OidcStandIn idp, object body)
    {
        AllowOrigin(context, idp);
        return Results.Json(body);
    }

    private static IResult Preflight(HttpContext context, OidcStandIn idp)
    {
        if (!AllowOrigin(context, idp))
        {
            return Results.StatusCode(403);
        }

        context.Response.Headers.AccessControlAllowMethods = "GET, POST";
        context.Response.Headers.AccessControlAllowHeaders = "Content-Type";
        context.Response.Headers.AccessControlMaxAge = "600";
        return Results.NoContent();
    }

    /// <summary>CORS only for the origins of registered redirect addresses (the host's own by default).</summary>
    private static bool AllowOrigin(HttpContext context, OidcStandIn idp)
    {
        context.Response.Headers.Vary = "Origin";
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0 || !idp.AllowedOrigins.Contains(origin))
        {
            return false;
        }

        context.Response.Headers.AccessControlAllowOrigin = origin;
        return true;
    }

    private static IResult Html(int status, string html) => Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
}
