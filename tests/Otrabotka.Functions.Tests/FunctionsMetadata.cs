using System.Reflection;
using System.Text.Json;
using Otrabotka.LocalHost;

namespace Otrabotka.Functions.Tests;

/// <summary>Reads the functions.metadata that the Worker SDK generates when the Functions app is built.</summary>
internal static class FunctionsMetadata
{
    public static string Path()
    {
        var configuration = typeof(FunctionsMetadata).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "functions", "Otrabotka.Functions", "bin", configuration, "net10.0", "functions.metadata");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("functions.metadata of Otrabotka.Functions was not found; build the solution first.");
    }

    public static IEnumerable<FunctionEntry> Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        foreach (var function in document.RootElement.EnumerateArray())
        {
            var name = function.GetProperty("name").GetString()!;
            foreach (var binding in function.GetProperty("bindings").EnumerateArray())
            {
                var type = binding.GetProperty("type").GetString()!;
                string? detail = type switch
                {
                    "httpTrigger" => $"{string.Join(",", binding.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToLowerInvariant()))} {binding.GetProperty("route").GetString()}",
                    "blobTrigger" => binding.GetProperty("path").GetString(),
                    "queueTrigger" => binding.GetProperty("queueName").GetString(),
                    "timerTrigger" => binding.GetProperty("schedule").GetString(),
                    _ => null,
                };
                if (detail is not null)
                {
                    yield return new FunctionEntry(name, type, detail);
                }
            }
        }
    }
}
