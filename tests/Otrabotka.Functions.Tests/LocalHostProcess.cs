using System.Collections.Concurrent;
using System.Diagnostics;

namespace Otrabotka.Functions.Tests;

/// <summary>
/// The local host as its own process (`dotnet Otrabotka.LocalHost.dll`), configured only by environment
/// variables as a container would be: for the tests that depend on the process environment or on the
/// process staying alive.
/// </summary>
public sealed class LocalHostProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private LocalHostProcess(Process process, int port)
    {
        this.process = process;
        Port = port;
        Client = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(10) };
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    public HttpClient Client { get; }
    public bool HasExited => process.HasExited;
    public int ExitCode => process.ExitCode;

    /// <summary>What the process wrote (stdout and stderr), newest last.</summary>
    public string Output => string.Join('\n', output);

    /// <summary>Settings a production host needs (no development key, no local.settings.json) on the given storage.</summary>
    public static Dictionary<string, string?> ProductionSettings(string storage) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["AZURE_FUNCTIONS_ENVIRONMENT"] = null,
        ["AzureWebJobsStorage"] = storage,
        ["AzureWebJobsStorageIsolated"] = null,
        ["SendGrid__ApiKey"] = "production-test-key",
        ["SendGrid__BaseUrl"] = "http://127.0.0.1:9",
        ["SendGrid__FromEmail"] = "no-reply@otrabotka.test",
        ["Otrabotka__PublicBaseUrl"] = "https://otrabotka.example",
        ["Auth__MetadataAddress"] = "http://127.0.0.1:9/.well-known/openid-configuration",
        ["Intake__EmployerLinkKey"] = "production-test-employer-link-key-0123456789",
        ["IinIndex__Key"] = "production-test-iin-index-key-0123456789abcdef",
    };

    public static LocalHostProcess Start(IReadOnlyDictionary<string, string?> environment, string[]? arguments = null, int? port = null)
    {
        port ??= LocalHostFixture.FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Directory.CreateTempSubdirectory("otrabotka-host-").FullName,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Otrabotka.LocalHost.dll"));
        foreach (var argument in arguments ?? [])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["LocalHost__Urls"] = $"http://127.0.0.1:{port}";
        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        return new LocalHostProcess(Process.Start(start)!, port.Value);
    }

    /// <summary>Waits until the host answers /api/health with the status wanted (or any answer), or exits.</summary>
    public async Task<bool> AnswersAsync(TimeSpan within, System.Net.HttpStatusCode? status = null)
    {
        var until = DateTime.UtcNow + within;
        while (DateTime.UtcNow < until && !process.HasExited)
        {
            try
            {
                using var response = await Client.GetAsync("/api/health");
                if (status is null || response.StatusCode == status)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        return false;
    }

    public async Task<int> WaitForExitAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        while (output.Count > 2000 && output.TryDequeue(out _))
        {
        }
    }
}
