using System.Diagnostics;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Otrabotka.Functions.Tests;

/// <summary>Redocly's linter (npm @redocly/cli, pinned in package.json) on the document the local host serves: recommended rules, 0 errors.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class OpenApiLintTests(LocalHostFixture host, ITestOutputHelper output)
{
    [Fact]
    public async Task The_served_OpenAPI_document_passes_Redoclys_recommended_rules_with_no_error()
    {
        var root = RepositoryRoot();
        var cli = Path.Combine(root, "node_modules", "@redocly", "cli", "bin", "cli.js");
        Assert.True(File.Exists(cli), "node_modules/@redocly/cli is missing: run npm ci (scripts/test.sh does)");
        var file = Path.Combine(Path.GetTempPath(), $"otrabotka-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, await host.Client.GetStringAsync("/api/openapi.json"));
        try
        {
            var (exit, stdout, stderr) = await RunAsync("node", [cli, "lint", "--config", Path.Combine(root, "redocly.yaml"), "--format=json", file]);
            var report = JsonNode.Parse(stdout[stdout.IndexOf('{', StringComparison.Ordinal)..])!;
            var totals = report["totals"]!;
            var problems = report["problems"]!.AsArray().Select(p => $"{p!["severity"]} {p["ruleId"]}: {p["message"]} at {p["location"]?[0]?["pointer"]}").ToList();
            output.WriteLine($"redocly lint: {totals["errors"]} errors, {totals["warnings"]} warnings\n{string.Join("\n", problems)}");
            Assert.True(totals["errors"]!.GetValue<int>() == 0 && exit == 0, $"redocly lint (exit {exit}):\n{string.Join("\n", problems)}\n{stderr}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "package.json")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("No package.json above the test's directory.");
    }

    internal static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
