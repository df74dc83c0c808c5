using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Http;

/// <summary>
/// A fixed window of anonymous pre-checks per client address and instance (default 30 a minute,
/// <c>Pages__CheckPermitsPerMinute</c>). Behind the Functions front end the client's address is the last
/// entry of X-Forwarded-For, which the front end appends; otherwise the connection's address.
/// </summary>
public sealed class CheckRateLimit : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter;

    public CheckRateLimit(IConfiguration configuration)
    {
        var permits = configuration.GetValue("Pages:CheckPermitsPerMinute", 30);
        limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>Null when the request may go on; else the 429 problem with Retry-After.</summary>
    public Microsoft.AspNetCore.Mvc.IActionResult? Admit(HttpRequest request)
    {
        using var lease = limiter.AttemptAcquire(ClientAddress(request));
        if (lease.IsAcquired)
        {
            return null;
        }

        var seconds = Problem.SecondsOf(lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1));
        return Problems.Create(request, new Problem(Refusal.TooManyRequests, "too-many-requests", new(
            $"Тексеру тым жиі сұралды; {seconds} секундтан кейін қайталаңыз.",
            $"Слишком много проверок; повторите через {seconds} с.",
            $"Too many checks; try again in {seconds} s.")).RetryingAfter(TimeSpan.FromSeconds(seconds)));
    }

    public static string ClientAddress(HttpRequest request)
    {
        var forwarded = request.Headers["X-Forwarded-For"].ToString();
        var last = forwarded.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        if (last is not null)
        {
            // "1.2.3.4:5678" from the front end: the port is not part of the client.
            var host = IPEndPoint.TryParse(last, out var endpoint) ? endpoint.Address.ToString() : last;
            return host.Length <= 64 ? host : host[..64];
        }

        return request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }

    public void Dispose() => limiter.Dispose();
}
