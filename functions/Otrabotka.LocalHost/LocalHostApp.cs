using System.Reflection;
using Microsoft.Extensions.Configuration.Memory;
using Otrabotka.Functions.Composition;
using Otrabotka.Functions.Storage;
using WJ = Microsoft.Azure.WebJobs;

namespace Otrabotka.LocalHost;

/// <summary>
/// The development host: ASP.NET Core for the HTTP functions and the WebJobs SDK for blob, queue and
/// timer triggers, both hosting the Functions app's own classes wired by AddOtrabotka. For development,
/// demos and tests; production is Azure Functions (docs/decisions/0001-local-host.md).
/// </summary>
public static class LocalHostApp
{
    public const string DefaultUrls = "http://127.0.0.1:7071";

    /// <param name="args">Command-line arguments (configuration overrides such as --urls).</param>
    /// <param name="overrides">Settings that win over every other source (tests use them).</param>
    /// <param name="triggers">False hosts HTTP only: no WebJobs host and no storage set-up at start.</param>
    /// <param name="services">Replacements registered after the app's own services (tests swap the clock).</param>
    public static WebApplication Build(string[] args, IReadOnlyDictionary<string, string?>? overrides = null, bool triggers = true, Action<IServiceCollection>? services = null)
    {
        // Tests pass LocalHost:SettingsFile=none so a developer's local.settings.json cannot leak in.
        var settingsFile = overrides?.GetValueOrDefault("LocalHost:SettingsFile") == "none" ? null : LocalSettings.Find();
        var values = settingsFile is null ? new Dictionary<string, string?>() : LocalSettings.ReadValues(settingsFile);
        var environment = EnvironmentName(overrides, values);
        if (environment != Environments.Development)
        {
            // local.settings.json is a development file (development keys, the capture's URL): outside
            // Development the settings come from the environment only, as in Azure or a cluster.
            values.Clear();
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            EnvironmentName = environment,
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(LocalHostApp).Assembly.GetName().Name,
        });

        // Lowest priority: the schedules' defaults; then local.settings.json; then environment variables and
        // arguments; then overrides. (A timer whose %Setting% resolves to nothing stops the WebJobs host.)
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = values });
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                [StorageNames.ReminderScheduleSetting] = StorageNames.DefaultReminderSchedule,
                [StorageNames.OutboxSweepScheduleSetting] = StorageNames.DefaultOutboxSweepSchedule,
                [StorageNames.IntakeSweepScheduleSetting] = StorageNames.DefaultIntakeSweepSchedule,
            }.Concat(OutageRetry).ToDictionary(),
        });
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        var hostJson = HostJson.Load(builder.Configuration);
        foreach (var (category, level) in hostJson.LogLevels)
        {
            if (Enum.TryParse<LogLevel>(level, ignoreCase: true, out var parsed))
            {
                builder.Logging.AddFilter(category == "default" ? null : category, parsed);
            }
        }

        // Request paths may carry ids: keep ASP.NET Core's per-request logs out.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.WebHost.UseUrls(builder.Configuration["LocalHost:Urls"] ?? builder.Configuration["urls"] ?? DefaultUrls);

        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        builder.Services.AddOtrabotka(builder.Configuration);
        builder.Services.AddMvcCore();
        builder.Services.AddSingleton<MailCapture>();
        builder.Services.AddSingleton<BlobFaults>();
        builder.Services.AddSingleton<Otrabotka.Functions.Adapters.ConfiguredMalwareVerdicts>();
        builder.Services.AddSingleton<DevMalwareVerdicts>();
        builder.Services.AddSingleton<Otrabotka.Functions.Adapters.IMalwareVerdicts>(sp => sp.GetRequiredService<DevMalwareVerdicts>());
        builder.Services.AddSingleton(sp => new StorageClients(sp.GetRequiredService<StorageConnection>(), blobPolicy: sp.GetRequiredService<BlobFaults>(), counter: sp.GetRequiredService<StorageCallCounter>()));
        builder.Services.AddSingleton<FunctionTable>();
        // The OIDC stand-in: Development only; the local API trusts it besides the development key unless told not to.
        var oidc = builder.Environment.IsDevelopment() && builder.Configuration.GetValue("LocalHost:Oidc:Enabled", true);
        if (oidc)
        {
            builder.Services.AddSingleton<OidcStandIn>();
            if (builder.Configuration.GetValue("LocalHost:Oidc:TrustedByApi", true))
            {
                builder.Services.AddSingleton(sp => sp.GetRequiredService<OidcStandIn>().Trusted);
            }
        }

        services?.Invoke(builder.Services);

        if (triggers)
        {
            builder.Services.AddHostedService<StorageSetup>();
            var polling = builder.Configuration.GetValue("LocalHost:QueuePollingCeiling", TimeSpan.FromSeconds(1));
            builder.Host.ConfigureWebJobs(webJobs =>
            {
                webJobs.AddAzureStorageCoreServices();
                ResilientLockManager.WrapRegistered(webJobs.Services);
                Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddSingleton<JobHostRestart>(webJobs.Services);
                RestartingExceptionHandler.WrapRegistered(webJobs.Services);
                webJobs.AddAzureStorageBlobs(o => o.MaxDegreeOfParallelism = hostJson.BlobParallelism);
                webJobs.AddAzureStorageQueues(o => hostJson.Apply(o, polling));
                webJobs.AddTimers();
                webJobs.Services.AddSingleton<WJ.ITypeLocator>(new TriggerTypeLocator());
            });
        }

        var app = builder.Build();
        app.UseStatusCodePages(RouteMissProblems.WriteAsync);
        var http = HttpFunctionEndpoints.Map(app, hostJson.RoutePrefix);
        app.Services.GetRequiredService<FunctionTable>().Http = http.Select(h => h.Entry).ToList();
        if (app.Environment.IsDevelopment())
        {
            // Development stand-ins (the SendGrid capture, fault and verdict controls, the OIDC stand-in) exist only in Development.
            MailCapture.Map(app);
            BlobFaults.Map(app);
            DevMalwareVerdicts.Map(app);
            if (oidc)
            {
                OidcEndpoints.Map(app);
            }
        }

        return app;
    }

    /// <summary>
    /// AZURE_FUNCTIONS_ENVIRONMENT as the Functions host reads it, then ASP.NET Core's and .NET's own
    /// variables, then local.settings.json; Development when none is set.
    /// </summary>
    private static string EnvironmentName(IReadOnlyDictionary<string, string?>? overrides, Dictionary<string, string?> values) =>
        new[] { "AZURE_FUNCTIONS_ENVIRONMENT", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT" }
            .Select(Environment.GetEnvironmentVariable).FirstOrDefault(v => !string.IsNullOrEmpty(v))
            ?? Read(overrides, values, "AZURE_FUNCTIONS_ENVIRONMENT") ?? Environments.Development;

    /// <summary>
    /// Retries of the WebJobs SDK's own storage clients (blob scans, singleton lease renewals, queue polls):
    /// every 2 s for up to an hour instead of the SDK's default 5 tries (≈ 25 s). Its background loops
    /// hand a failure to the WebJobs exception handler, which ends the process; the Functions host
    /// restarts its script host instead, which this host cannot do. So these calls wait out an outage and
    /// carry on when storage returns (L5). The app's own clients (StorageClients) are not affected: they
    /// read only the connection string's value and keep failing fast, so requests answer 503 meanwhile.
    /// </summary>
    internal static readonly IReadOnlyDictionary<string, string?> OutageRetry = new Dictionary<string, string?>
    {
        [$"{StorageNames.Connection}:Retry:Mode"] = "Fixed",
        [$"{StorageNames.Connection}:Retry:Delay"] = "00:00:02",
        [$"{StorageNames.Connection}:Retry:MaxRetries"] = "1800",
    };

    /// <summary>
    /// Stops the web app and its WebJobs host (the program, on exit or a rebuild, and the tests' fixture). The WebJobs
    /// SDK stops the blob triggers' shared queue listener once per blob-triggered function (ValidateUpload,
    /// StartFeedImport) and that listener's timer refuses the second stop: the host has stopped all the same.
    /// </summary>
    public static async Task StopAsync(WebApplication app, CancellationToken cancellationToken)
    {
        try
        {
            await app.StopAsync(cancellationToken);
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains("timer has already been stopped", StringComparison.Ordinal))
        {
            // The second stop of the shared blob-queue listener (above); nothing is left running.
        }
    }

    /// <summary>The local host's own table of functions, for the drift test against functions.metadata.</summary>
    public static IReadOnlyList<FunctionEntry> Table(WebApplication app) =>
        [.. app.Services.GetRequiredService<FunctionTable>().Http, .. TriggerEntries()];

    internal static IEnumerable<FunctionEntry> TriggerEntries()
    {
        foreach (var method in typeof(LocalTriggers).GetMethods(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = method.GetCustomAttribute<WJ.FunctionNameAttribute>()?.Name;
            if (name is null)
            {
                continue;
            }

            foreach (var attribute in method.GetParameters().SelectMany(p => p.GetCustomAttributes()))
            {
                switch (attribute)
                {
                    case WJ.BlobTriggerAttribute blob:
                        yield return new FunctionEntry(name, "blobTrigger", blob.BlobPath);
                        break;
                    case WJ.QueueTriggerAttribute queue:
                        yield return new FunctionEntry(name, "queueTrigger", queue.QueueName);
                        break;
                    case WJ.TimerTriggerAttribute timer:
                        yield return new FunctionEntry(name, "timerTrigger", timer.ScheduleExpression);
                        break;
                }
            }
        }
    }

    private static string? Read(IReadOnlyDictionary<string, string?>? overrides, Dictionary<string, string?> values, string key) =>
        overrides is not null && overrides.TryGetValue(key, out var o) ? o : values.GetValueOrDefault(key);

    private sealed class TriggerTypeLocator : WJ.ITypeLocator
    {
        public IReadOnlyList<Type> GetTypes() => [typeof(LocalTriggers)];
    }

    /// <summary>
    /// Creates containers, queues and tables and re-keys legacy IIN index rows before the WebJobs listeners
    /// start, and lets the pages' browser
    /// upload straight to Azurite through the SAS route (a CORS rule; in Azure the Bicep sets it).
    /// </summary>
    private sealed class StorageSetup(StorageClients storage, IinIndexMigration migration) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await storage.EnsureCreatedAsync(cancellationToken);
            await migration.RunAsync(cancellationToken);
            await BlobCors.AllowUploadsAsync(storage.Blobs, cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

internal sealed class FunctionTable
{
    public IReadOnlyList<FunctionEntry> Http { get; set; } = [];
}
