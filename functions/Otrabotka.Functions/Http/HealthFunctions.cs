using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Otrabotka.Functions.Http.Contracts;
using Otrabotka.Functions.Http.OpenApi;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Http;

public sealed class HealthFunctions(CheckHealth checkHealth)
{
    [Function("Health")]
    [ApiOperation(ApiAudience.Health, ApiAccess.Anonymous, "Storage reachability", "Probes blob, queue and table storage, each within 6 s.")]
    [ApiResponse(200, typeof(HealthReport), Description = "Every service reachable")]
    [ApiResponse(503, typeof(HealthReport), Description = "A service is unreachable")]
    public async Task<IActionResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var report = await checkHealth.RunAsync(cancellationToken);
        return ApiResults.Json(report, report.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
