using System.Collections.Concurrent;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Otrabotka.LocalHost;

/// <summary>
/// Fault injection for tests, in the local host only (never in the Functions app): blob writes (PUT)
/// whose path names an armed graduate id — or every write, with "*" — fail as a storage outage would,
/// before the retry policy, so a test sees the failure at once. Armed by tests in process or by
/// POST /dev/faults/blob-writes {"scope": "…", "failing": true}.
/// </summary>
public sealed class BlobFaults : HttpPipelinePolicy
{
    public const string Everything = "*";
    private readonly ConcurrentDictionary<string, bool> armed = new(StringComparer.Ordinal);

    public void Fail(string scope) => armed[scope] = true;

    public void Heal(string scope) => armed.TryRemove(scope, out _);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Check(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Check(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Check(HttpMessage message)
    {
        if (armed.IsEmpty || message.Request.Method != RequestMethod.Put)
        {
            return;
        }

        var path = message.Request.Uri.Path;
        if (armed.ContainsKey(Everything) || armed.Keys.Any(scope => path.Contains(scope, StringComparison.Ordinal)))
        {
            throw new RequestFailedException(503, "Blob write failed (fault injected by the local host).", "ServerBusy", null);
        }
    }

    public static void Map(WebApplication app) =>
        app.MapPost("/dev/faults/blob-writes", (FaultRequest request, BlobFaults faults) =>
        {
            if (string.IsNullOrWhiteSpace(request.Scope))
            {
                return Results.BadRequest();
            }

            if (request.Failing)
            {
                faults.Fail(request.Scope);
            }
            else
            {
                faults.Heal(request.Scope);
            }

            return Results.NoContent();
        });

    public sealed record FaultRequest(string? Scope, bool Failing);
}
