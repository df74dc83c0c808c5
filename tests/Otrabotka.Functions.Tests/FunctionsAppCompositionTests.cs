using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Otrabotka.Functions.Composition;
using FW = Microsoft.Azure.Functions.Worker;

namespace Otrabotka.Functions.Tests;

public sealed class FunctionsAppCompositionTests
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
        ["SendGrid:ApiKey"] = "k",
        ["SendGrid:FromEmail"] = "no-reply@otrabotka.test",
        ["Otrabotka:PublicBaseUrl"] = "https://otrabotka.example",
        ["Auth:MetadataAddress"] = "https://login.example/.well-known/openid-configuration",
        ["Intake:EmployerLinkKey"] = "composition-test-key-0123456789abcdefgh",
    };

    [Fact]
    public void The_Functions_app_builds_and_can_create_every_function_class()
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(Settings);
        builder.ConfigureFunctionsWebApplication();
        builder.Services.AddOtrabotka(builder.Configuration);
        using var host = builder.Build();

        var functionTypes = typeof(OtrabotkaServices).Assembly.GetTypes()
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttributes(typeof(FW.FunctionAttribute), false).Length > 0))
            .ToList();
        Assert.NotEmpty(functionTypes);
        foreach (var type in functionTypes)
        {
            Assert.NotNull(ActivatorUtilities.CreateInstance(host.Services, type));
        }
    }

    [Fact]
    public void A_missing_setting_is_named_at_start_up()
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        var partial = new Dictionary<string, string?>(Settings) { ["SendGrid:ApiKey"] = "" };
        builder.Configuration.AddInMemoryCollection(partial);
        builder.Services.AddOtrabotka(builder.Configuration);
        using var host = builder.Build();

        var error = Assert.ThrowsAny<Microsoft.Extensions.Options.OptionsValidationException>(
            () => host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Configuration.SendGridSettings>>().Value);
        Assert.Contains("SendGrid__ApiKey", error.Message, StringComparison.Ordinal);
    }
}
