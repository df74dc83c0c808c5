namespace Otrabotka.LocalHost;

internal static class LocalHostProgram
{
    public static async Task<int> Main(string[] args)
    {
        var app = LocalHostApp.Build(args);
        await app.RunAsync();
        return 0;
    }
}
