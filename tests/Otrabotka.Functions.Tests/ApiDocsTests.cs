using System.Net;

namespace Otrabotka.Functions.Tests;

/// <summary>/api/docs renders the OpenAPI document with Swagger UI served by the app itself: no CDN, no inline script.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class ApiDocsTests(LocalHostFixture host)
{
    [Fact]
    public async Task The_docs_page_loads_its_renderer_from_the_app_under_a_policy_without_inline_script()
    {
        using var page = await host.Client.GetAsync("/api/docs");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var policy = string.Join(" ", page.Headers.GetValues("Content-Security-Policy"));
        var scripts = policy.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src", StringComparison.Ordinal));
        Assert.Equal("script-src 'self'", scripts);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http", html, StringComparison.Ordinal);

        foreach (var (file, type, marker) in new[] { ("swagger-ui-bundle.js", "text/javascript", "SwaggerUIBundle"), ("swagger-ui.css", "text/css", ".swagger-ui"), ("docs.js", "text/javascript", "openapi.json") })
        {
            Assert.Contains($"docs/{file}", html, StringComparison.Ordinal);
            using var asset = await host.Client.GetAsync($"/api/docs/{file}");
            Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
            Assert.Equal(type, asset.Content.Headers.ContentType?.MediaType);
            Assert.Contains(marker, await asset.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var missing = await host.Client.GetAsync("/api/docs/index.html");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
