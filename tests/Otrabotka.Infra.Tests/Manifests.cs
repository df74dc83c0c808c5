using System.Reflection;
using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace Otrabotka.Infra.Tests;

/// <summary>The Kubernetes manifests of deploy/k8s parsed with YamlDotNet, and the app's function list.</summary>
internal static class Manifests
{
    public static string Directory => Path.Combine(InfrastructureTests.RepositoryRoot, "deploy", "k8s");

    /// <summary>Every YAML document of the directory (the Secret from its committed example).</summary>
    public static IReadOnlyList<YamlMappingNode> All()
    {
        var documents = new List<YamlMappingNode>();
        foreach (var file in System.IO.Directory.GetFiles(Directory, "*.yaml").Where(f => Path.GetFileName(f) != "secret.yaml").Order())
        {
            var stream = new YamlStream();
            using var reader = new StringReader(File.ReadAllText(file));
            stream.Load(reader);
            documents.AddRange(stream.Documents.Select(d => (YamlMappingNode)d.RootNode));
        }

        return documents;
    }

    public static YamlMappingNode Kind(string kind, string? name = null) =>
        Assert.Single(All(), d => Text(d, "kind") == kind && (name is null || Text(d, "metadata", "name") == name));

    public static YamlNode? Node(YamlNode node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out var child))
            {
                return null;
            }

            node = child;
        }

        return node;
    }

    public static string? Text(YamlNode node, params string[] path) => (Node(node, path) as YamlScalarNode)?.Value;

    public static Dictionary<string, string> Map(YamlNode? node) =>
        node is YamlMappingNode mapping
            ? mapping.Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => ((YamlScalarNode)c.Value).Value ?? "")
            : [];

    public static YamlMappingNode Container(YamlMappingNode deployment) =>
        (YamlMappingNode)Assert.Single(((YamlSequenceNode)Node(deployment, "spec", "template", "spec", "containers")!).Children);

    public static Dictionary<string, string> Env(YamlMappingNode deployment) =>
        ((YamlSequenceNode?)Node(Container(deployment), "env"))?.Children
            .ToDictionary(e => Text(e, "name")!, e => Text(e, "value") ?? "") ?? [];

    /// <summary>(name, trigger type) of every function in the functions.metadata the Worker SDK generated.</summary>
    public static IReadOnlyList<(string Name, string Trigger)> Functions()
    {
        var configuration = typeof(Manifests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var path = Path.Combine(InfrastructureTests.RepositoryRoot, "functions", "Otrabotka.Functions", "bin", configuration, "net10.0", "functions.metadata");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateArray()
            .Select(f => (f.GetProperty("name").GetString()!, f.GetProperty("bindings").EnumerateArray()
                .Select(b => b.GetProperty("type").GetString()!).Single(t => t.EndsWith("Trigger", StringComparison.Ordinal))))
            .ToList();
    }
}
