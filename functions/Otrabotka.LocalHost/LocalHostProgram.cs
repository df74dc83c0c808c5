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

        var app = LocalHostApp.Build(args);
        await app.RunAsync();
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
