using System.Diagnostics;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

public sealed record HealthReport(string Status, DateTimeOffset CheckedAt, IReadOnlyDictionary<string, ServiceHealth> Services)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Healthy => Services.Values.All(s => s.Reachable);
}
