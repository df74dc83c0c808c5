using Otrabotka.Functions.Configuration;
using Otrabotka.Functions.Storage;
using YamlDotNet.RepresentationModel;

namespace Otrabotka.Infra.Tests;

/// <summary>
/// deploy/k8s against the settings catalog's off-azure tags and the app's functions: every setting the
/// app needs off Azure is set, secrets only in the Secret, nothing development-only anywhere.
/// </summary>
public sealed class OffAzureDeploymentTests
{
    private static readonly string[] DevelopmentMarkers = ["127.0.0.1", "localhost", "devstoreaccount1", "UseDevelopmentStorage", "Development"];

    private static HashSet<string> Tagged(OffAzure placement) =>
        SettingsCatalog.All.Where(s => s.OffAzure == placement).Select(s => s.Name).ToHashSet();

    [Fact]
    public void The_ConfigMap_and_the_Secret_set_exactly_the_settings_tagged_off_azure()
    {
        var configMap = Manifests.Map(Manifests.Node(Manifests.Kind("ConfigMap"), "data"));
        var secret = Manifests.Map(Manifests.Node(Manifests.Kind("Secret"), "stringData"));

        Assert.Equal(Tagged(OffAzure.ConfigMap).Order(), configMap.Keys.Order());
        Assert.Equal(Tagged(OffAzure.Secret).Order(), secret.Keys.Order());
        Assert.All(configMap, pair => Assert.False(string.IsNullOrWhiteSpace(pair.Value), $"{pair.Key} is empty"));
    }

    [Fact]
    public void Nothing_development_only_is_set_off_Azure()
    {
        var developmentOnly = Tagged(OffAzure.DevelopmentOnly);
        Assert.Contains("Auth__SigningKey", developmentOnly);
        var configMap = Manifests.Map(Manifests.Node(Manifests.Kind("ConfigMap"), "data"));
        Assert.Equal("Production", configMap["AZURE_FUNCTIONS_ENVIRONMENT"]);

        var everyName = Manifests.All().Where(d => Manifests.Text(d, "kind") == "Deployment").SelectMany(d => Manifests.Env(d).Keys)
            .Concat(configMap.Keys).Concat(Manifests.Map(Manifests.Node(Manifests.Kind("Secret"), "stringData")).Keys).ToList();
        Assert.DoesNotContain(everyName, developmentOnly.Contains);
        Assert.DoesNotContain(everyName, n => n.StartsWith("LocalHost", StringComparison.Ordinal));
        foreach (var (name, value) in configMap)
        {
            Assert.DoesNotContain(DevelopmentMarkers, marker => value.Contains(marker, StringComparison.Ordinal));
        }

        var dockerfile = File.ReadAllText(Path.Combine(InfrastructureTests.RepositoryRoot, "Dockerfile"));
        Assert.Contains("AZURE_FUNCTIONS_ENVIRONMENT=Production", dockerfile, StringComparison.Ordinal);
        Assert.DoesNotContain(developmentOnly, n => dockerfile.Contains(n, StringComparison.Ordinal));
    }

    [Fact]
    public void A_key_a_secret_or_a_connection_string_is_never_a_plain_ConfigMap_value()
    {
        var secretLike = SettingsCatalog.All.Where(s =>
            s.Name.EndsWith("Key", StringComparison.Ordinal) || s.Name.Contains("Secret", StringComparison.OrdinalIgnoreCase)
            || s.Name.Contains("Password", StringComparison.OrdinalIgnoreCase) || s.Name.Contains("CONNECTION_STRING", StringComparison.OrdinalIgnoreCase)
            || s.Name == StorageNames.Connection);
        Assert.All(secretLike, s => Assert.NotEqual(OffAzure.ConfigMap, s.OffAzure));
    }

    [Fact]
    public void The_worker_runs_every_trigger_function_and_the_HTTP_app_disables_exactly_those()
    {
        var functions = Manifests.Functions();
        var triggers = functions.Where(f => f.Trigger != "httpTrigger").Select(f => f.Name).Order().ToList();
        Assert.Contains(Otrabotka.Functions.Triggers.IntakeBlobFunction.Name, triggers);
        Assert.Contains(functions, f => f.Trigger == "httpTrigger");

        var workerEnv = Manifests.Env(Manifests.Kind("Deployment", "otrabotka-worker"));
        var loaded = workerEnv.Where(e => e.Key.StartsWith("AzureFunctionsJobHost__functions__", StringComparison.Ordinal)).Select(e => e.Value).Order().ToList();
        Assert.Equal(triggers, loaded);

        var httpEnv = Manifests.Env(Manifests.Kind("Deployment", "otrabotka-http"));
        var disabled = httpEnv.Where(e => e.Key.StartsWith("AzureWebJobs.", StringComparison.Ordinal) && e.Key.EndsWith(".Disabled", StringComparison.Ordinal) && e.Value == "true")
            .Select(e => e.Key["AzureWebJobs.".Length..^".Disabled".Length]).Order().ToList();
        Assert.Equal(triggers, disabled);
        Assert.DoesNotContain(httpEnv.Keys, k => k.StartsWith("AzureFunctionsJobHost__functions", StringComparison.Ordinal));
    }

    [Fact]
    public void Both_deployments_read_the_ConfigMap_and_the_Secret_and_the_Service_reaches_the_HTTP_pods()
    {
        foreach (var name in new[] { "otrabotka-http", "otrabotka-worker" })
        {
            var deployment = Manifests.Kind("Deployment", name);
            var sources = ((YamlSequenceNode)Manifests.Node(Manifests.Container(deployment), "envFrom")!).Children;
            Assert.Contains(sources, s => Manifests.Text(s, "configMapRef", "name") == Manifests.Text(Manifests.Kind("ConfigMap"), "metadata", "name"));
            Assert.Contains(sources, s => Manifests.Text(s, "secretRef", "name") == Manifests.Text(Manifests.Kind("Secret"), "metadata", "name"));
            Assert.Equal("otrabotka-functions", Manifests.Text(Manifests.Container(deployment), "image"));
        }

        var http = Manifests.Kind("Deployment", "otrabotka-http");
        var podLabels = Manifests.Map(Manifests.Node(http, "spec", "template", "metadata", "labels"));
        var selector = Manifests.Map(Manifests.Node(Manifests.Kind("Service"), "spec", "selector"));
        Assert.All(selector, pair => Assert.Equal(pair.Value, podLabels.GetValueOrDefault(pair.Key)));
        var workerLabels = Manifests.Map(Manifests.Node(Manifests.Kind("Deployment", "otrabotka-worker"), "spec", "template", "metadata", "labels"));
        Assert.False(selector.All(pair => workerLabels.GetValueOrDefault(pair.Key) == pair.Value), "the Service must not send requests to the worker");
        var port = (YamlMappingNode)Assert.Single(((YamlSequenceNode)Manifests.Node(Manifests.Container(http), "ports")!).Children);
        Assert.Equal("80", Manifests.Text(port, "containerPort"));
    }

    [Fact]
    public void The_worker_keeps_a_replica_for_the_timers_and_KEDA_scales_it_on_the_dispatch_queue()
    {
        var worker = Manifests.Kind("Deployment", "otrabotka-worker");
        Assert.True(int.Parse(Manifests.Text(worker, "spec", "replicas")!, System.Globalization.CultureInfo.InvariantCulture) >= 1);
        var scaled = Manifests.Kind("ScaledObject");
        Assert.Equal("otrabotka-worker", Manifests.Text(scaled, "spec", "scaleTargetRef", "name"));
        Assert.True(int.Parse(Manifests.Text(scaled, "spec", "minReplicaCount")!, System.Globalization.CultureInfo.InvariantCulture) >= 1);
        var triggers = ((YamlSequenceNode)Manifests.Node(scaled, "spec", "triggers")!).Children.Cast<YamlMappingNode>().ToList();
        Assert.All(triggers, trigger =>
        {
            Assert.Equal("azure-queue", Manifests.Text(trigger, "type"));
            Assert.Contains(Manifests.Text(trigger, "metadata", "connectionFromEnv") ?? "", Tagged(OffAzure.Secret));
        });
        Assert.Equal([StorageNames.DispatchQueue, StorageNames.FeedQueue], triggers.Select(t => Manifests.Text(t, "metadata", "queueName")).Order());
    }

    [Fact]
    public void Files_dropped_into_feeds_are_started_by_the_workers_sweep_where_no_Event_Grid_delivers_blob_events()
    {
        // The feed's blob trigger listens to Event Grid (as the intake's): off Azure no event arrives.
        var trigger = typeof(Otrabotka.Functions.Triggers.FeedBlobFunction).GetMethod("Run")!.GetParameters()
            .SelectMany(p => p.GetCustomAttributes(typeof(Microsoft.Azure.Functions.Worker.BlobTriggerAttribute), false)).Cast<Microsoft.Azure.Functions.Worker.BlobTriggerAttribute>().Single();
        Assert.Equal(Microsoft.Azure.Functions.Worker.BlobTriggerSource.EventGrid, trigger.Source);
        Assert.StartsWith(StorageNames.FeedsContainer + "/", trigger.BlobPath, StringComparison.Ordinal);

        // So the worker's intake sweep timer also starts every file in feeds/, and the worker runs the feed's queue.
        var sweep = typeof(Otrabotka.Functions.Triggers.IntakeSweepFunction).GetConstructors().Single().GetParameters().Select(p => p.ParameterType);
        Assert.Contains(typeof(Otrabotka.Functions.UseCases.SweepUnfinished), sweep);
        var passes = typeof(Otrabotka.Functions.UseCases.SweepUnfinished).GetConstructors().Single().GetParameters().Select(p => p.ParameterType);
        Assert.Contains(typeof(Otrabotka.Functions.UseCases.SweepFeeds), passes);
        var loaded = Manifests.Env(Manifests.Kind("Deployment", "otrabotka-worker")).Where(e => e.Key.StartsWith("AzureFunctionsJobHost__functions__", StringComparison.Ordinal)).Select(e => e.Value).ToList();
        Assert.Contains(Otrabotka.Functions.Triggers.IntakeSweepFunction.Name, loaded);
        Assert.Contains(Otrabotka.Functions.Triggers.FeedBlobFunction.Name, loaded);
        Assert.Contains(Otrabotka.Functions.Triggers.FeedQueueFunction.Name, loaded);
        var configMap = Manifests.Map(Manifests.Node(Manifests.Kind("ConfigMap"), "data"));
        Assert.False(string.IsNullOrWhiteSpace(configMap.GetValueOrDefault(StorageNames.IntakeSweepScheduleSetting)), "the sweep's schedule is not set");
    }

    [Fact]
    public void Kustomize_lists_every_manifest_and_the_real_Secret_is_never_committed()
    {
        var kustomization = Manifests.Kind("Kustomization");
        var listed = ((YamlSequenceNode)Manifests.Node(kustomization, "resources")!).Children.Select(c => ((YamlScalarNode)c).Value!).ToHashSet();
        var files = Directory.GetFiles(Manifests.Directory, "*.yaml").Select(Path.GetFileName)
            .Where(f => f is not ("kustomization.yaml" or "secret.example.yaml" or "secret.yaml")).ToHashSet();
        Assert.Subset(listed, files!);
        Assert.Contains("secret.yaml", listed);
        Assert.Contains("deploy/k8s/secret.yaml", File.ReadAllLines(Path.Combine(InfrastructureTests.RepositoryRoot, ".gitignore")));
    }
}
