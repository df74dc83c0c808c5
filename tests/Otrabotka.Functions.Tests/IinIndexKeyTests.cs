using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Otrabotka.Functions.Configuration;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.Tests;

/// <summary>The IIN index key: the MAC under the configured key, and the guard that keeps the development key out of Production.</summary>
public sealed class IinIndexKeyTests
{
    private const string Iin = "950101300018";

    [Fact]
    public void The_row_key_is_the_hex_MAC_under_the_configured_key_and_another_key_gives_another_row()
    {
        var first = Keys("first-iin-index-key-0123456789abcdefgh").For(Iin);
        var again = Keys("first-iin-index-key-0123456789abcdefgh").For(Iin);
        var other = Keys("other-iin-index-key-0123456789abcdefgh").For(Iin);

        Assert.Equal(first, again);
        Assert.NotEqual(first.Row, other.Row);
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            "first-iin-index-key-0123456789abcdefgh"u8.ToArray(), "950101300018"u8.ToArray()));
        Assert.Equal(expected, first.Row);
        Assert.Equal("h" + expected[0], first.Partition);
        Assert.DoesNotContain("9501", first.Partition + first.Row, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Development", null, true)]
    [InlineData("Development", IinIndexSettings.DevelopmentKey, true)]
    [InlineData("Production", null, false)]
    [InlineData("Production", IinIndexSettings.DevelopmentKey, false)]
    [InlineData("Production", "too-short", false)]
    [InlineData("Production", "@Microsoft.KeyVault(SecretUri=https://v.vault.azure.net/secrets/IinIndexKey)", false)]
    [InlineData("Production", "a-production-iin-index-key-from-key-vault-0123", true)]
    [InlineData("Staging", IinIndexSettings.DevelopmentKey, false)]
    public void The_guard_fills_the_development_key_only_in_Development_and_refuses_it_elsewhere(string environment, string? key, bool valid)
    {
        var guard = new IinIndexKeyGuard(new HostingEnvironment { EnvironmentName = environment });
        var settings = new IinIndexSettings { Key = key };

        guard.PostConfigure(null, settings);
        var result = guard.Validate(null, settings);

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("IinIndex__Key", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_Production_host_with_the_development_IIN_index_key_stops_at_start()
    {
        await using var azurite = await AzuriteProcess.StartAsync(onDisk: false);
        var settings = LocalHostProcess.ProductionSettings(azurite.ConnectionString);
        settings["IinIndex__Key"] = IinIndexSettings.DevelopmentKey;
        await using var host = LocalHostProcess.Start(settings);

        var code = await host.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, code);
        Assert.Contains("IinIndex__Key", host.Output, StringComparison.Ordinal);
    }

    private static IinIndexKeys Keys(string key) => new(Options.Create(new IinIndexSettings { Key = key }));
}
