using Microsoft.Azure.WebJobs.Host;
using Microsoft.Extensions.Configuration;

namespace Otrabotka.LocalHost;

/// <summary>
/// host.json's settings, read for the local host, which the WebJobs SDK does not do by itself. As in
/// Azure, <c>AzureFunctionsJobHost__path__to__key</c> settings override the file.
/// </summary>
internal sealed class HostJson(IConfiguration settings)
{
    public static HostJson Load(IConfiguration appConfiguration)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "host.json");
        var builder = new ConfigurationBuilder();
        if (File.Exists(path))
        {
            builder.AddJsonFile(path, optional: false);
        }

        builder.AddInMemoryCollection(appConfiguration.GetSection("AzureFunctionsJobHost").AsEnumerable(makePathsRelative: true));
        return new HostJson(builder.Build());
    }

    /// <summary>Default "api" as in the Functions host when host.json does not set it.</summary>
    public string RoutePrefix => (settings["extensions:http:routePrefix"] ?? "api").Trim('/');

    public void Apply(QueuesOptions options, TimeSpan localPollingCeiling)
    {
        var queues = settings.GetSection("extensions:queues");
        options.BatchSize = queues.GetValue("batchSize", options.BatchSize);
        options.NewBatchThreshold = queues.GetValue("newBatchThreshold", options.NewBatchThreshold);
        options.MaxDequeueCount = queues.GetValue("maxDequeueCount", options.MaxDequeueCount);
        options.VisibilityTimeout = queues.GetValue("visibilityTimeout", options.VisibilityTimeout);
        var polling = queues.GetValue("maxPollingInterval", options.MaxPollingInterval);
        // Locally the queue is polled more often than in Azure, so tests and demos do not wait.
        options.MaxPollingInterval = polling < localPollingCeiling ? polling : localPollingCeiling;
    }

    public int BlobParallelism => settings.GetValue("extensions:blobs:maxDegreeOfParallelism", 8);

    public IEnumerable<KeyValuePair<string, string?>> LogLevels =>
        settings.GetSection("logging:logLevel").AsEnumerable(makePathsRelative: true).Where(p => p.Value is not null);
}
