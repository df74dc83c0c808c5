using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using Otrabotka.Functions.Configuration;

namespace Otrabotka.Infra.Tests;

/// <summary>
/// The Dockerfile cannot be built here (no registry for base images is reachable), so this checks what can
/// be: the base image matches the app's framework, the directory it copies is what `dotnet publish` of the
/// app writes and holds what the Functions host loads, and the settings it declares are the catalog's.
/// </summary>
public sealed partial class ContainerImageTests
{
    private static readonly string Dockerfile = File.ReadAllText(Path.Combine(InfrastructureTests.RepositoryRoot, "Dockerfile"));

    [Fact]
    public void The_base_image_is_the_Functions_isolated_host_for_the_apps_framework()
    {
        var props = File.ReadAllText(Path.Combine(InfrastructureTests.RepositoryRoot, "Directory.Build.props"));
        var framework = Regex.Match(props, "<TargetFramework>net(\\d+\\.\\d+)</TargetFramework>").Groups[1].Value;
        Assert.Matches($@"ARG FUNCTIONS_IMAGE=mcr\.microsoft\.com/azure-functions/dotnet-isolated:4-dotnet-isolated{Regex.Escape(framework)}\s", Dockerfile);
        Assert.Matches($@"FROM mcr\.microsoft\.com/dotnet/sdk:{Regex.Escape(framework)} AS publish", Dockerfile);
        Assert.Contains("AzureWebJobsScriptRoot=/home/site/wwwroot", Dockerfile, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void The_image_copies_the_publish_output_and_it_holds_what_the_Functions_host_loads()
    {
        var publish = PublishCommand().Match(Dockerfile);
        Assert.True(publish.Success, "no dotnet publish … -o DIR in the Dockerfile");
        var project = publish.Groups["project"].Value;
        Assert.True(File.Exists(Path.Combine(InfrastructureTests.RepositoryRoot, project)), project);
        Assert.Matches($@"COPY --from=publish {Regex.Escape(publish.Groups["output"].Value)} /home/site/wwwroot", Dockerfile);

        var output = Directory.CreateTempSubdirectory("otrabotka-publish-").FullName;
        try
        {
            var configuration = typeof(ContainerImageTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            // --no-build: copy what the solution's build made, so this never races the build of other tests.
            var (code, log) = Dotnet("publish", project, "-c", configuration, "--no-build", "--nologo", "-o", output);
            Assert.True(code == 0, log);
            foreach (var file in new[] { "functions.metadata", "worker.config.json", "extensions.json", "host.json", "Otrabotka.Functions.dll", "Otrabotka.Domain.dll" })
            {
                Assert.True(File.Exists(Path.Combine(output, file)), $"{file} is not in the publish output");
            }

            Assert.False(File.Exists(Path.Combine(output, "local.settings.json")), "local.settings.json must never be published");
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public void The_image_declares_the_settings_the_catalog_tags_off_azure()
    {
        Assert.Equal(Tagged(OffAzure.ConfigMap), Label("configmap"));
        Assert.Equal(Tagged(OffAzure.Secret), Label("secret"));
        foreach (var secret in Tagged(OffAzure.Secret))
        {
            Assert.DoesNotMatch($@"ENV[^\n]*\b{secret}=", Dockerfile);
        }
    }

    private static List<string> Tagged(OffAzure placement) =>
        SettingsCatalog.All.Where(s => s.OffAzure == placement).Select(s => s.Name).Order().ToList();

    private static List<string> Label(string kind) =>
        Regex.Match(Dockerfile, $"org\\.otrabotka\\.settings\\.{kind}=\"([^\"]*)\"").Groups[1].Value
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Order().ToList();

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static (int Code, string Output) Dotnet(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = InfrastructureTests.RepositoryRoot };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet publish did not finish in 3 minutes");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    [GeneratedRegex(@"RUN dotnet publish (?<project>\S+\.csproj)[^\n]*?-o (?<output>\S+)")]
    private static partial Regex PublishCommand();
}
