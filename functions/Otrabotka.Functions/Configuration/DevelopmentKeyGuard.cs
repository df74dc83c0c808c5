using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Otrabotka.Functions.Configuration;

/// <summary>
/// The development signing key (Auth__SigningKey, a shared secret anyone with the sample can mint tokens
/// with) is refused outside the Development environment: the host does not start with it set.
/// </summary>
public sealed class DevelopmentKeyGuard(IHostEnvironment environment) : IValidateOptions<AuthSettings>
{
    public ValidateOptionsResult Validate(string? name, AuthSettings options) =>
        !environment.IsDevelopment() && !string.IsNullOrEmpty(options.SigningKey)
            ? ValidateOptionsResult.Fail($"Setting 'Auth__SigningKey' is a development key and is refused in the {environment.EnvironmentName} environment; set 'Auth__MetadataAddress' instead.")
            : ValidateOptionsResult.Success;
}
