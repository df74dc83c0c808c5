using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace Otrabotka.Functions.Composition;

/// <summary>
/// For service providers built outside a host (tests' and benchmarks' own): the services run as the local host runs,
/// in Development — so, among others, the IIN index is keyed with the development key, as the host keyed it.
/// </summary>
public static class DevelopmentEnvironment
{
    public static IServiceCollection AddDevelopmentEnvironment(this IServiceCollection services) =>
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment
        {
            EnvironmentName = Environments.Development, ApplicationName = "Otrabotka", ContentRootPath = AppContext.BaseDirectory,
        });
}
