using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Otrabotka.Functions.Tests;

/// <summary>The operators' pages: literal routes, the same headers as every page, and a PDF preview that needs no eval.</summary>
[Collection(LocalHostCollection.Name)]
public sealed partial class OperatorPagesApiTests(LocalHostFixture host)
{
    [Theory]
    [InlineData("/operator")]
    [InlineData("/operator/graduates")]
    [InlineData("/operator/import")]
    [InlineData("/operator/dashboard")]
    [InlineData("/operator/audit")]
    public async Task Every_operator_page_has_the_policy_the_preview_needs_and_nothing_more(string path)
    {
        using var response = await host.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        var blobs = host.Storage.Blobs.Uri.GetLeftPart(UriPartial.Authority);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("worker-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains(blobs, Directive(csp, "img-src"));
        Assert.Contains(blobs, Directive(csp, "connect-src"));
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("wasm-unsafe-eval", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("blob:", csp, StringComparison.Ordinal);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());

        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("data-redirect-path=\"/operator\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_catch_all_under_operator()
    {
        foreach (var path in new[] { "/operator/nothing", "/operator/graduates/x", "/operator/../api/nothing", "/assets/operator.html" })
        {
            using var response = await host.Client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task The_preview_bundles_a_pdf_js_past_CVE_2024_4367_with_its_worker_from_our_origin_and_no_eval()
    {
        var lockFile = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(OpenApiLintTests.RepositoryRoot(), "package-lock.json")))!;
        var version = Version.Parse(lockFile["packages"]!["node_modules/pdfjs-dist"]!["version"]!.GetValue<string>());
        Assert.True(version >= new Version(4, 2, 67), $"pdfjs-dist {version} is older than 4.2.67 (CVE-2024-4367)");

        foreach (var file in new[] { "operator-queue.js", "pdf.worker.js" })
        {
            using var response = await host.Client.GetAsync($"/assets/{file}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
            var script = await response.Content.ReadAsStringAsync();
            Assert.True(script.Length > 100_000, $"{file} is only {script.Length} characters: pdf.js is not in it");
            Assert.DoesNotMatch(Eval(), script);
        }

        var queue = await host.Client.GetStringAsync("/assets/operator-queue.js");
        Assert.Contains("/assets/pdf.worker.js", queue, StringComparison.Ordinal);
        Assert.Contains("isEvalSupported:!1", queue, StringComparison.Ordinal);
    }

    private static string Directive(string csp, string name) =>
        csp.Split(';', StringSplitOptions.TrimEntries).Single(d => d.StartsWith(name + " ", StringComparison.Ordinal));

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"(?<![\w$.])eval\s*\(|new\s+Function\s*\(")]
    private static partial Regex Eval();
}
