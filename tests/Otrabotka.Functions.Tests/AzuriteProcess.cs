using System.Diagnostics;
using System.Net.Sockets;

namespace Otrabotka.Functions.Tests;

/// <summary>
/// An Azurite of the test's own on free loopback ports — in memory, or on disk (--location) so it can be
/// stopped and started again on the same ports with its data, as the outage tests need. Stock Azurite unless asked for
/// the project's preloads (scripts/azurite-*.cjs, ADR 0027), which then run as outside the test command: without
/// comparing each answer with stock's, their LokiJS indexes left stale on writes.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly string? location;
    private readonly bool preloads;
    private Process? process;

    private AzuriteProcess(string? location, bool preloads)
    {
        this.location = location;
        this.preloads = preloads;
        BlobPort = LocalHostFixture.FreePort();
        QueuePort = LocalHostFixture.FreePort();
        TablePort = LocalHostFixture.FreePort();
    }

    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    /// <param name="onDisk">Keep data in a temporary folder, so a restart finds it again.</param>
    /// <param name="preloads">Start it with the project's preloads, as scripts/lib.sh does.</param>
    public static async Task<AzuriteProcess> StartAsync(bool onDisk, bool preloads = false)
    {
        var azurite = new AzuriteProcess(onDisk ? Directory.CreateTempSubdirectory("otrabotka-azurite-").FullName : null, preloads);
        await azurite.StartAsync();
        return azurite;
    }

    public async Task StartAsync()
    {
        var executable = Path.Combine(RepositoryRoot(), "node_modules", ".bin", "azurite");
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            "--silent", "--skipApiVersionCheck", "--disableTelemetry",
            "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--blobPort", $"{BlobPort}", "--queuePort", $"{QueuePort}", "--tablePort", $"{TablePort}",
        })
        {
            start.ArgumentList.Add(argument);
        }

        if (location is null)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(location);
        }

        start.Environment.Remove("AZURITE_ACCOUNTS");
        start.Environment.Remove("AZURITE_INDEX_VERIFY");
        start.Environment.Remove("NODE_OPTIONS");
        if (preloads)
        {
            var scripts = Path.Combine(RepositoryRoot(), "scripts");
            start.Environment["NODE_OPTIONS"] =
                $"--require {Path.Combine(scripts, "azurite-key-lookup.cjs")} --require {Path.Combine(scripts, "azurite-queue-index.cjs")}";
        }

        process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            await WaitForPortAsync(port);
        }
    }

    /// <summary>
    /// Stops Azurite as an operator or an outage would (SIGTERM: it writes its on-disk data out first; a
    /// SIGKILL would lose the last seconds of table writes, which is data loss, not an outage).
    /// </summary>
    public async Task StopAsync()
    {
        if (process is null)
        {
            return;
        }

        using (var terminate = Process.Start("kill", ["-TERM", $"{process.Id}"]))
        {
            await terminate.WaitForExitAsync();
        }

        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (location is not null)
        {
            Directory.Delete(location, recursive: true);
        }
    }

    private async Task WaitForPortAsync(int port)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until)
        {
            if (process!.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {process.ExitCode} before port {port} opened.");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"Azurite's port {port} did not open within 30 s.");
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Otrabotka.Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("the repository root was not found");
    }
}
