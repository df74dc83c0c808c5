using Microsoft.Extensions.Options;
using Otrabotka.Functions.Configuration;
using Otrabotka.Functions.Http;

namespace Otrabotka.LocalHost;

internal static class LocalHostProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "token")
        {
            return Token(args[1..]);
        }

        if (args.Length > 0 && args[0] == "rekey-iin-index")
        {
            return await RekeyIinIndexAsync();
        }

        await RunRestartingAsync(args);
        return 0;
    }

    /// <summary>
    /// Runs the host until it is told to stop; when a WebJobs listener died on a storage failure
    /// (<see cref="RestartingExceptionHandler"/>) the host is stopped and built again in this process, on
    /// the same address, keeping the SendGrid capture's messages. The process stays up throughout.
    /// </summary>
    private static async Task RunRestartingAsync(string[] args)
    {
        MailCapture? mail = null;
        for (var generation = 0; ; generation++)
        {
            var restart = new JobHostRestart();
            var app = LocalHostApp.Build(args, services: services =>
            {
                services.AddSingleton(restart);
                if (mail is not null)
                {
                    services.AddSingleton(mail);
                }
            });
            mail = app.Services.GetRequiredService<MailCapture>();
            var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var registration = app.Lifetime.ApplicationStopping.Register(() => stopping.TrySetResult());
            try
            {
                await app.StartAsync();
            }
            catch (Exception) when (generation > 0)
            {
                // Storage may still be settling after the failure that asked for this restart: try again.
                await app.DisposeAsync();
                await Task.Delay(TimeSpan.FromSeconds(5));
                continue;
            }

            var first = await Task.WhenAny(restart.Requested, stopping.Task);
            using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15)))
            {
                await LocalHostApp.StopAsync(app, timeout.Token);
            }

            await app.DisposeAsync();
            if (first != restart.Requested)
            {
                return;
            }

            Console.Error.WriteLine($"otrabotka local host: rebuilding after a storage failure stopped a WebJobs listener (restart {generation + 1})");
        }
    }

    /// <summary>
    /// <c>rekey-iin-index</c>: rebuilds the IIN index under the key the configuration gives (<c>IinIndex__Key</c>) from
    /// the profiles in <c>AzureWebJobsStorage</c>, then removes the old key's rows (SECURITY.md, key rotation). Run it
    /// with the app stopped; it says what it is doing as it goes.
    /// </summary>
    private static async Task<int> RekeyIinIndexAsync()
    {
        var app = LocalHostApp.Build([], new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" }, triggers: false);
        var rebuild = app.Services.GetRequiredService<Otrabotka.Functions.Storage.IinIndexRebuild>();
        Console.Error.WriteLine($"rebuilding the IIN index under the configured key ({app.Environment.EnvironmentName}); the app must be stopped");
        var progress = new Progress<Otrabotka.Functions.Storage.IinIndexRebuildResult>(step => Console.Error.WriteLine($"  {step.Indexed:N0} profiles indexed"));
        var result = await rebuild.RunAsync(progress, CancellationToken.None);
        Console.WriteLine($"done: {result.Indexed:N0} profiles indexed under the new key, {result.Removed:N0} rows of the old key removed");
        return 0;
    }

    /// <summary>
    /// <c>token --role ROLE [--sub SUBJECT] [--hours N]</c>: prints only a development JWT signed with the
    /// local key. Refused outside the Development environment.
    /// </summary>
    private static int Token(string[] args)
    {
        string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        var role = Option("--role");
        if (role is not (Roles.Graduate or Roles.Operator or Roles.Supervisor))
        {
            Console.Error.WriteLine("usage: token --role graduate|operator|supervisor [--sub SUBJECT] [--hours N]   (a graduate's subject is their IIN)");
            return 2;
        }

        var subject = Option("--sub") ?? (role == Roles.Graduate ? null : role);
        if (subject is null)
        {
            Console.Error.WriteLine("a graduate's token needs --sub IIN");
            return 2;
        }

        var app = LocalHostApp.Build([], new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "None" }, triggers: false);
        if (!app.Environment.IsDevelopment())
        {
            Console.Error.WriteLine("token is refused outside the Development environment.");
            return 3;
        }

        var settings = app.Services.GetRequiredService<IOptions<AuthSettings>>().Value;
        var hours = double.TryParse(Option("--hours"), System.Globalization.CultureInfo.InvariantCulture, out var h) ? h : 12;
        Console.WriteLine(Authenticator.MintDevelopmentToken(settings, TimeProvider.System, role, subject, TimeSpan.FromHours(hours)));
        return 0;
    }
}
