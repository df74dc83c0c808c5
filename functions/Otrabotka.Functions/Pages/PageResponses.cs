using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Otrabotka.Functions.Configuration;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.Pages;

/// <summary>
/// Answers for the pages: the HTML with its sign-in configuration filled in, and the static files, each with
/// the security headers and a content security policy that allows no inline script or style.
/// </summary>
public sealed class PageResponses(IOptions<PageSettings> pages, IOptions<AuthSettings> auth, IOptions<OtrabotkaSettings> app, StorageClients storage, IHostEnvironment environment)
{
    /// <summary>The OIDC authority the browser signs in with.</summary>
    public string Authority =>
        pages.Value.OidcAuthority is { Length: > 0 } configured ? configured.TrimEnd('/')
        : auth.Value.MetadataAddress is { Length: > 0 } metadata ? metadata.Replace("/.well-known/openid-configuration", "", StringComparison.Ordinal).TrimEnd('/')
        : app.Value.PublicBaseUrl.TrimEnd('/') + "/dev/oidc";

    /// <summary>Whether the sign-in screen offers pasting a token from the local host's token command.</summary>
    public bool DevelopmentTokens => environment.IsDevelopment() && string.IsNullOrEmpty(auth.Value.MetadataAddress);

    public string ContentSecurityPolicy
    {
        get
        {
            var connect = new SortedSet<string>(StringComparer.Ordinal) { "'self'", Origin(storage.Blobs.Uri) };
            if (Uri.TryCreate(Authority, UriKind.Absolute, out var authority))
            {
                connect.Add(Origin(authority));
            }

            // The operators' preview: images straight from the read link (img-src), PDFs fetched from it
            // (connect-src) and parsed by pdf.js in a worker from this origin (worker-src) — no eval, no wasm.
            return $"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: {Origin(storage.Blobs.Uri)}; font-src 'self'; "
                + $"connect-src {string.Join(' ', connect)}; worker-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
        }
    }

    public IActionResult Html(HttpRequest request, string page)
    {
        var html = Encoding.UTF8.GetString(PageAssets.Page(page).Content)
            .Replace("{{authority}}", WebUtility.HtmlEncode(Authority), StringComparison.Ordinal)
            .Replace("{{clientId}}", WebUtility.HtmlEncode(pages.Value.OidcClientId), StringComparison.Ordinal)
            .Replace("{{scope}}", WebUtility.HtmlEncode(("openid profile " + (pages.Value.OidcScope ?? "")).Trim()), StringComparison.Ordinal)
            .Replace("{{devTokens}}", DevelopmentTokens ? "true" : "false", StringComparison.Ordinal);
        Secure(request.HttpContext.Response);
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return new ContentResult { StatusCode = 200, ContentType = "text/html; charset=utf-8", Content = html };
    }

    /// <summary>The asset, 304 when the caller has it, or null when there is no such asset (the caller answers 404).</summary>
    public IActionResult? Asset(HttpRequest request, string? name)
    {
        var response = request.HttpContext.Response;
        Secure(response);
        if (name is null || name.EndsWith(".html", StringComparison.Ordinal) || PageAssets.Find(name) is not { } asset)
        {
            return null;
        }

        response.Headers.ETag = asset.ETag;
        response.Headers.CacheControl = "no-cache";
        if (request.Headers.IfNoneMatch.ToString() == asset.ETag)
        {
            return new StatusCodeResult(304);
        }

        return new FileContentResult(asset.Content, asset.ContentType);
    }

    public void Secure(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.XFrameOptions = "DENY";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        response.Headers["Cross-Origin-Opener-Policy"] = "same-origin";
        response.Headers["Cross-Origin-Resource-Policy"] = "same-origin";
    }

    private static string Origin(Uri uri) => uri.GetLeftPart(UriPartial.Authority);
}
