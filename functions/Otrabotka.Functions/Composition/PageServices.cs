using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Otrabotka.Functions.Http;
using Otrabotka.Functions.Pages;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Composition;

public static class PageServices
{
    /// <summary>The pages, their settings, and the public pre-check with its rate limit.</summary>
    public static IServiceCollection AddOtrabotkaPages(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PageSettings>().Bind(configuration.GetSection(PageSettings.Section));
        services.AddSingleton<PageResponses>();
        services.AddSingleton<CheckWorkplace>();
        services.AddSingleton<CheckRateLimit>();
        return services;
    }
}
