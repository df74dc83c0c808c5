using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Otrabotka.Functions.Configuration;

namespace Otrabotka.Infra.Tests;

public sealed partial class InfrastructureTests
{
    internal static readonly string Root = FindRoot();

    internal static string RepositoryRoot => Root;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Otrabotka.Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("the repository root (Otrabotka.Functions.sln) was not found");
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static string Bicep()
    {
        var package = typeof(InfrastructureTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPackage").Value!;
        var path = Path.Combine(package, "tools", "bicep");
        if (!File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        return path;
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    internal static (int Code, string Output) Run(params string[] args)
    {
        var start = new ProcessStartInfo(Bicep()) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.Combine(Root, "infra") };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill();
            throw new TimeoutException("bicep did not finish in 2 minutes");
        }

        return (process.ExitCode, stderr.Result + stdout.Result);
    }

    public static TheoryData<string> BicepFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "infra"), "*.bicep", SearchOption.AllDirectories).Order())
        {
            data.Add(Path.GetRelativePath(Path.Combine(Root, "infra"), file));
        }

        return data;
    }

    public static TheoryData<string> ParamFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "infra"), "*.bicepparam").Order())
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Every_bicep_file_builds_without_a_warning(string file)
    {
        var (code, output) = Run("build", file, "--stdout");
        Assert.True(code == 0, output);
        Assert.DoesNotMatch(Diagnostic(), output.Split('\n').FirstOrDefault(l => Diagnostic().IsMatch(l)) ?? "");
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Every_bicep_file_passes_the_linter(string file)
    {
        var (code, output) = Run("lint", file);
        Assert.True(code == 0, output);
        Assert.False(Diagnostic().IsMatch(output), output);
    }

    [Theory]
    [MemberData(nameof(ParamFiles))]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Every_parameter_file_builds(string file)
    {
        var (code, output) = Run("build-params", file, "--stdout");
        Assert.True(code == 0, output);
        Assert.False(Diagnostic().IsMatch(output), output);
    }

    [Fact]
    public void Every_both_and_azure_setting_is_set_by_the_Bicep_and_every_both_and_local_one_is_in_the_sample()
    {
        var bicep = File.ReadAllText(Path.Combine(Root, "infra", "app", "function.bicep"));
        var block = bicep[bicep.IndexOf("name: 'appsettings'", StringComparison.Ordinal)..];
        var inBicep = AppSetting().Matches(block).Select(m => m.Groups[1].Value).ToHashSet();
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "local.settings.sample.json")));
        var inSample = sample.RootElement.GetProperty("Values").EnumerateObject().Select(p => p.Name).ToHashSet();
        var catalog = SettingsCatalog.All.ToDictionary(s => s.Name, s => s.Scope);

        foreach (var (name, scope) in catalog)
        {
            Assert.True(scope == SettingScope.Local || inBicep.Contains(name), $"{name} ({scope}) is not set by function.bicep");
            Assert.True(scope == SettingScope.Azure || inSample.Contains(name), $"{name} ({scope}) is not in local.settings.sample.json");
        }

        var strayInBicep = inBicep.Where(n => !catalog.ContainsKey(n) || catalog[n] == SettingScope.Local).ToList();
        var strayInSample = inSample.Where(n => !catalog.ContainsKey(n) || catalog[n] == SettingScope.Azure).ToList();
        Assert.True(strayInBicep.Count == 0, "not in the catalog as azure/both: " + string.Join(", ", strayInBicep));
        Assert.True(strayInSample.Count == 0, "not in the catalog as local/both: " + string.Join(", ", strayInSample));
    }

    [Fact]
    public void The_deployment_creates_every_container_table_and_queue_the_app_uses()
    {
        // Containers are listed once in main.bicep (storage and role assignments share the list).
        var storage = File.ReadAllText(Path.Combine(Root, "infra", "app", "storage.bicep")) + File.ReadAllText(Path.Combine(Root, "infra", "main.bicep"));
        foreach (var name in Otrabotka.Functions.Storage.StorageNames.Containers.Concat(Otrabotka.Functions.Storage.StorageNames.Queues).Concat(Otrabotka.Functions.Storage.StorageNames.Tables))
        {
            Assert.Contains($"'{name}'", storage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_azd_manifest_and_its_hooks_exist()
    {
        var yaml = File.ReadAllText(Path.Combine(Root, "azure.yaml"));
        foreach (Match m in Regex.Matches(yaml, @"(?:project|run):\s*\.?/?(\S+)"))
        {
            var path = Path.Combine(Root, m.Groups[1].Value.TrimEnd('/'));
            Assert.True(File.Exists(path) || Directory.Exists(path), path);
        }

        Assert.Contains("functionName=Host.Functions.$3", File.ReadAllText(Path.Combine(Root, "infra", "scripts", "postdeploy.sh")), StringComparison.Ordinal);
        Assert.Contains($"FUNCTION={Otrabotka.Functions.Triggers.IntakeBlobFunction.Name}", File.ReadAllText(Path.Combine(Root, "infra", "scripts", "postdeploy.sh")), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\b(Warning|Error) [A-Za-z0-9\-]+:|: (warning|error) ", RegexOptions.IgnoreCase)]
    private static partial Regex Diagnostic();

    [GeneratedRegex(@"^\s{4}([A-Za-z_][A-Za-z0-9_]*):", RegexOptions.Multiline)]
    private static partial Regex AppSetting();
}
