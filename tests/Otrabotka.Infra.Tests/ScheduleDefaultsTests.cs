using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Infra.Tests;

/// <summary>
/// The timers' schedules have one default, in StorageNames; every file that must spell a value out (the local
/// settings sample, the Bicep, the Kubernetes ConfigMap) spells that one, so a change of a default that forgets a file fails here.
/// </summary>
public sealed class ScheduleDefaultsTests
{
    public static TheoryData<string, string> Defaults => new()
    {
        { StorageNames.ReminderScheduleSetting, StorageNames.DefaultReminderSchedule },
        { StorageNames.OutboxSweepScheduleSetting, StorageNames.DefaultOutboxSweepSchedule },
        { StorageNames.IntakeSweepScheduleSetting, StorageNames.DefaultIntakeSweepSchedule },
    };

    [Theory]
    [MemberData(nameof(Defaults))]
    public void The_local_settings_sample_uses_the_default(string setting, string schedule)
    {
        var sample = JsonNode.Parse(File.ReadAllText(Path.Combine(InfrastructureTests.Root, "local.settings.sample.json")))!;
        Assert.Equal(schedule, sample["Values"]![setting]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Defaults))]
    public void The_kubernetes_configmap_uses_the_default(string setting, string schedule)
    {
        var configMap = File.ReadAllText(Path.Combine(InfrastructureTests.Root, "deploy", "k8s", "configmap.yaml"));
        Assert.Matches(new Regex($"^\\s*{Regex.Escape(setting)}:\\s*\"{Regex.Escape(schedule)}\"\\s*$", RegexOptions.Multiline), configMap);
    }

    [Theory]
    [MemberData(nameof(Defaults))]
    public void The_bicep_uses_the_default(string setting, string schedule)
    {
        var bicep = File.ReadAllText(Path.Combine(InfrastructureTests.Root, "infra", "app", "function.bicep"))
            + File.ReadAllText(Path.Combine(InfrastructureTests.Root, "infra", "main.bicep"));
        var literal = new Regex($"^\\s*{Regex.Escape(setting)}:\\s*'{Regex.Escape(schedule)}'\\s*$", RegexOptions.Multiline);
        var parameter = new Regex($"^\\s*param\\s+{char.ToLowerInvariant(setting[0])}{Regex.Escape(setting[1..])}\\s+string\\s*=\\s*'{Regex.Escape(schedule)}'\\s*$", RegexOptions.Multiline);
        Assert.True(literal.IsMatch(bicep) || parameter.IsMatch(bicep), $"{setting} is not '{schedule}' in the Bicep");
    }
}
