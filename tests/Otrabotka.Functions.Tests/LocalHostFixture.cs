using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Otrabotka.Functions.Storage;
using Otrabotka.LocalHost;

namespace Otrabotka.Functions.Tests;

/// <summary>
/// The local host on a free loopback port, against the Azurite that the test command started (its
/// connection string comes in AzureWebJobsStorage). Stopped deliberately, listeners first, before disposal.
/// </summary>
public class LocalHostFixture : IAsyncLifetime
{
    public const string SendGridKey = "test-sendgrid-key";

    private readonly bool shared;

    /// <summary>The collection's shared host.</summary>
    public LocalHostFixture() : this(null) => shared = true;

    /// <summary>Set once the shared host's collection is over (the contract check waits for it).</summary>
    public static bool SharedFinished { get; private set; }

    internal LocalHostFixture(IReadOnlyDictionary<string, string?>? extra, bool triggers = true, string? connection = null, TimeProvider? clock = null)
    {
        Clock = clock ?? TimeProvider.System;
        Port = FreePort();
        var settings = new Dictionary<string, string?>
        {
            ["LocalHost:Urls"] = BaseUrl,
            ["LocalHost:SettingsFile"] = "none",
            ["AzureWebJobsStorage"] = connection ?? StorageConnectionString,
            ["SendGrid:ApiKey"] = SendGridKey,
            ["SendGrid:BaseUrl"] = BaseUrl,
            ["SendGrid:FromEmail"] = "no-reply@otrabotka.test",
            ["Otrabotka:PublicBaseUrl"] = BaseUrl,
            ["Auth:SigningKey"] = "test-signing-key-0123456789abcdef0123456789",
            ["Intake:EmployerLinkKey"] = "test-employer-link-key-0123456789abcdef",
            ["ReminderSchedule"] = "*/1 * * * * *",
            ["OutboxSweepSchedule"] = "*/5 * * * * *",
            ["IntakeSweepSchedule"] = "*/5 * * * * *",
            ["Intake:SweepMinimumAgeSeconds"] = "3",
            ["Notifications:RetryBaseSeconds"] = "0.2",
            ["Logging:LogLevel:Default"] = "Information",
            ["AzureFunctionsJobHost:extensions:queues:visibilityTimeout"] = "00:00:00",
            ["AzureFunctionsJobHost:extensions:queues:maxPollingInterval"] = "00:00:00.200",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            // "{base}" stands for this host's own address (known only once the port is chosen).
            settings[key] = value?.Replace("{base}", BaseUrl, StringComparison.Ordinal);
        }

        App = LocalHostApp.Build([], settings, triggers, services =>
        {
            services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs);
            if (clock is not null)
            {
                services.AddSingleton(clock);
            }
        });
        Client = CreateClient();
    }

    public static string StorageConnectionString =>
        Environment.GetEnvironmentVariable("AzureWebJobsStorage") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("AzureWebJobsStorage is not set: run the tests with scripts/test.sh, which starts Azurite.");

    public int Port { get; }

    /// <summary>Every log line the host wrote, for the log scan.</summary>
    public LogCapture Logs { get; } = new();

    /// <summary>The host's clock: the system's, or a fake one the test moves.</summary>
    public TimeProvider Clock { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    public WebApplication App { get; }
    public HttpClient Client { get; }
    public StorageClients Storage => App.Services.GetRequiredService<StorageClients>();
    public MailCapture Mail => App.Services.GetRequiredService<MailCapture>();

    public T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    public virtual string Token(string role, string subject) =>
        Otrabotka.Functions.Http.Authenticator.MintDevelopmentToken(Service<Microsoft.Extensions.Options.IOptions<Otrabotka.Functions.Configuration.AuthSettings>>().Value, Clock, role, subject);

    /// <summary>A client of this host whose every exchange the contract test sees.</summary>
    public HttpClient CreateClient() =>
        new(new ContractRecorder(new SocketsHttpHandler())) { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(30) };

    public virtual Task InitializeAsync() => App.StartAsync();

    public virtual async Task DisposeAsync()
    {
        Client.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await LocalHostApp.StopAsync(App, timeout.Token);
        await App.DisposeAsync();
        SharedFinished |= shared;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Polls until the condition holds or the time is up; returns whether it held.</summary>
    public static async Task<bool> Eventually(Func<Task<bool>> condition, TimeSpan within)
    {
        var until = DateTime.UtcNow + within;
        while (DateTime.UtcNow < until)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(100);
        }

        return await condition();
    }
}

[CollectionDefinition(Name)]
public sealed class LocalHostCollection : ICollectionFixture<LocalHostFixture>
{
    public const string Name = "local host";
}

/// <summary>
/// A second local host on its own storage account (isolated1) with a fake clock, for tests that move time
/// or break e-mail delivery: nothing it does can reach the shared host's queues or mail.
/// </summary>
public sealed class IsolatedHostFixture() : LocalHostFixture(
    new Dictionary<string, string?>
    {
        ["ReminderSchedule"] = "0 0 0 1 1 *",
        ["OutboxSweepSchedule"] = "0 0 0 1 1 *",
        ["IntakeSweepSchedule"] = "0 0 0 1 1 *",
    },
    connection: IsolatedConnectionString,
    clock: new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2027, 8, 20, 5, 0, 0, TimeSpan.Zero)))
{
    public static string IsolatedConnectionString =>
        Environment.GetEnvironmentVariable("AzureWebJobsStorageIsolated") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("AzureWebJobsStorageIsolated is not set: run the tests with scripts/test.sh.");

    /// <summary>Set once the isolated host's tests are over (the contract check waits for them).</summary>
    public static bool Finished { get; private set; }

    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Fake => (Microsoft.Extensions.Time.Testing.FakeTimeProvider)Clock;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Finished = true;
    }
}

[CollectionDefinition(Name)]
public sealed class IsolatedHostCollection : ICollectionFixture<IsolatedHostFixture>
{
    public const string Name = "isolated host";
}
