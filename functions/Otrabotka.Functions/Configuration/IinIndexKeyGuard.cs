using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Otrabotka.Functions.Configuration;

/// <summary>
/// Outside Development the IIN index key must be set, at least 32 characters, and not the published
/// development key; in Development an unset key becomes the development key.
/// </summary>
public sealed class IinIndexKeyGuard(IHostEnvironment environment) : IValidateOptions<IinIndexSettings>, IPostConfigureOptions<IinIndexSettings>
{
    public void PostConfigure(string? name, IinIndexSettings options)
    {
        if (environment.IsDevelopment() && string.IsNullOrEmpty(options.Key))
        {
            options.Key = IinIndexSettings.DevelopmentKey;
        }
    }

    public ValidateOptionsResult Validate(string? name, IinIndexSettings options)
    {
        if (string.IsNullOrEmpty(options.Key) || options.Key.Length < IinIndexSettings.MinimumLength)
        {
            return ValidateOptionsResult.Fail($"Setting 'IinIndex__Key' ({IinIndexSettings.MinimumLength}+ characters) is missing.");
        }

        if (options.Key.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase))
        {
            // An unresolved Key Vault reference (missing secret, no access) must not become the key.
            return ValidateOptionsResult.Fail("Setting 'IinIndex__Key' is an unresolved Key Vault reference; check the secret IinIndexKey and the app's access to it.");
        }

        return !environment.IsDevelopment() && options.Key == IinIndexSettings.DevelopmentKey
            ? ValidateOptionsResult.Fail($"Setting 'IinIndex__Key' is the development key and is refused in the {environment.EnvironmentName} environment; set a key from Key Vault.")
            : ValidateOptionsResult.Success;
    }
}
