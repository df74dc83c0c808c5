using System.Text.Json;

namespace Otrabotka.Infra.Tests;

/// <summary>
/// What the compiled deployment (main.bicep → ARM JSON, modules inlined) must contain: audit logs,
/// a closed Key Vault, keyless storage open to the public site's uploads only, the feeds container and
/// the narrow blob roles.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class AzureDeploymentTests
{
    private const string BlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string BlobDelegator = "db58b8e5-c6ad-4a2a-8342-4190687cbf4a";
    private const string BlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";

    private static readonly Lazy<string> Compiled = new(Compile);

    private static string Compile()
    {
        var (code, output) = InfrastructureTests.Run("build", "main.bicep", "--stdout");
        Assert.True(code == 0, output);
        return output[output.IndexOf('{', StringComparison.Ordinal)..];
    }

    private static List<JsonElement> Resources(string type)
    {
        using var document = JsonDocument.Parse(Compiled.Value);
        var found = new List<JsonElement>();
        Collect(document.RootElement, type, found);
        return found;
    }

    private static void Collect(JsonElement template, string type, List<JsonElement> found)
    {
        var resources = template.GetProperty("resources");
        var items = resources.ValueKind == JsonValueKind.Object ? resources.EnumerateObject().Select(p => p.Value) : resources.EnumerateArray();
        foreach (var resource in items)
        {
            if (string.Equals(resource.GetProperty("type").GetString(), type, StringComparison.OrdinalIgnoreCase))
            {
                found.Add(resource.Clone());
            }

            if (resource.GetProperty("type").GetString() == "Microsoft.Resources/deployments")
            {
                Collect(resource.GetProperty("properties").GetProperty("template"), type, found);
            }
        }
    }

    /// <summary>Every template's variables (module variables are distinct enough not to clash here).</summary>
    private static Dictionary<string, JsonElement> Variables()
    {
        using var document = JsonDocument.Parse(Compiled.Value);
        var variables = new Dictionary<string, JsonElement>();
        CollectVariables(document.RootElement, variables);
        return variables;
    }

    private static void CollectVariables(JsonElement template, Dictionary<string, JsonElement> variables)
    {
        if (template.TryGetProperty("variables", out var own))
        {
            foreach (var variable in own.EnumerateObject())
            {
                variables[variable.Name] = variable.Value.Clone();
            }
        }

        var resources = template.GetProperty("resources");
        var items = resources.ValueKind == JsonValueKind.Object ? resources.EnumerateObject().Select(p => p.Value) : resources.EnumerateArray();
        foreach (var resource in items.Where(r => r.GetProperty("type").GetString() == "Microsoft.Resources/deployments"))
        {
            CollectVariables(resource.GetProperty("properties").GetProperty("template"), variables);
        }
    }

    /// <summary>A value written as "[variables('x')]" is x's value.</summary>
    private static JsonElement Resolve(JsonElement value)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
        return text.StartsWith("[variables('", StringComparison.Ordinal) && text.EndsWith("')]", StringComparison.Ordinal)
            ? Variables()[text["[variables('".Length..^"')]".Length]]
            : value;
    }

    private static bool HasRole(JsonElement assignment, string roleGuid)
    {
        var id = assignment.GetProperty("properties").GetProperty("roleDefinitionId").GetString()!;
        return id.Contains(roleGuid, StringComparison.Ordinal)
            || Variables().Any(v => v.Value.ValueKind == JsonValueKind.String && v.Value.GetString() == roleGuid && id.Contains($"variables('{v.Key}')", StringComparison.Ordinal));
    }

    private static string Scope(JsonElement resource) => resource.TryGetProperty("scope", out var scope) ? scope.GetString()! : "";

    private static HashSet<string> Categories(JsonElement setting) =>
        Resolve(setting.GetProperty("properties").GetProperty("logs")).EnumerateArray().Select(l => l.GetProperty("category").GetString()!).ToHashSet();

    [Fact]
    public void Blob_table_queue_Key_Vault_and_app_logs_go_to_Log_Analytics()
    {
        var settings = Resources("Microsoft.Insights/diagnosticSettings");
        var storageCategories = new[] { "StorageRead", "StorageWrite", "StorageDelete" };
        foreach (var service in new[] { "blobServices", "tableServices", "queueServices" })
        {
            var setting = Assert.Single(settings, s => Scope(s).Contains($"Microsoft.Storage/storageAccounts/{service}'", StringComparison.Ordinal));
            Assert.Superset(storageCategories.ToHashSet(), Categories(setting));
            Assert.Contains("Microsoft.OperationalInsights/workspaces", setting.GetProperty("properties").GetProperty("workspaceId").GetString(), StringComparison.Ordinal);
        }

        Assert.Contains("AuditEvent", Categories(Assert.Single(settings, s => Scope(s).Contains("Microsoft.KeyVault/vaults", StringComparison.Ordinal))));
        Assert.Contains("FunctionAppLogs", Categories(Assert.Single(settings, s => Scope(s).Contains("Microsoft.Web/sites", StringComparison.Ordinal))));
    }

    [Fact]
    public void Key_Vault_denies_public_networks_except_trusted_services_and_has_a_private_endpoint()
    {
        var acls = Assert.Single(Resources("Microsoft.KeyVault/vaults")).GetProperty("properties").GetProperty("networkAcls");
        Assert.Equal("Deny", acls.GetProperty("defaultAction").GetString());
        Assert.Equal("AzureServices", acls.GetProperty("bypass").GetString());
        var endpoint = Assert.Single(Resources("Microsoft.Network/privateEndpoints"));
        Assert.Contains("parameters('privateEndpoint')", endpoint.GetProperty("condition").GetString(), StringComparison.Ordinal);
        var site = Assert.Single(Resources("Microsoft.Web/sites"));
        Assert.Contains("appSubnetId", site.GetProperty("properties").GetProperty("virtualNetworkSubnetId").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Storage_takes_no_shared_key_and_lets_only_the_public_site_PUT_blobs_from_a_browser()
    {
        var account = Assert.Single(Resources("Microsoft.Storage/storageAccounts")).GetProperty("properties");
        Assert.False(account.GetProperty("allowSharedKeyAccess").GetBoolean());
        Assert.False(account.GetProperty("allowBlobPublicAccess").GetBoolean());
        var rule = Assert.Single(Assert.Single(Resources("Microsoft.Storage/storageAccounts/blobServices"))
            .GetProperty("properties").GetProperty("cors").GetProperty("corsRules").EnumerateArray());
        Assert.Equal(["[parameters('publicBaseUrl')]"], rule.GetProperty("allowedOrigins").EnumerateArray().Select(o => o.GetString()));
        Assert.Contains("PUT", rule.GetProperty("allowedMethods").EnumerateArray().Select(m => m.GetString()));
        Assert.DoesNotContain("DELETE", rule.GetProperty("allowedMethods").EnumerateArray().Select(m => m.GetString()));
        Assert.Contains("x-ms-blob-type", rule.GetProperty("allowedHeaders").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public void The_app_mints_user_delegation_SAS_with_Delegator_on_the_account_and_Contributor_per_container_never_Owner()
    {
        Assert.DoesNotContain(BlobDataOwner, Compiled.Value, StringComparison.OrdinalIgnoreCase);
        var assignments = Resources("Microsoft.Authorization/roleAssignments");
        var delegator = Assert.Single(assignments, a => HasRole(a, BlobDelegator));
        Assert.EndsWith("parameters('storageAccountName'))]", Scope(delegator), StringComparison.Ordinal);
        var contributor = Assert.Single(assignments, a => HasRole(a, BlobDataContributor));
        Assert.Contains("Microsoft.Storage/storageAccounts/blobServices/containers", Scope(contributor), StringComparison.Ordinal);
        Assert.Equal("[length(parameters('containers'))]", contributor.GetProperty("copy").GetProperty("count").GetString());
    }

    [Fact]
    public void Defender_scans_uploads_and_the_app_may_read_blob_tags_only_on_the_containers_with_verdicts()
    {
        var defender = Assert.Single(Resources("Microsoft.Security/defenderForStorageSettings")).GetProperty("properties");
        Assert.True(defender.GetProperty("isEnabled").GetBoolean());
        Assert.True(defender.GetProperty("malwareScanning").GetProperty("onUpload").GetProperty("isEnabled").GetBoolean());
        // Results go to blob index tags, the default when no Event Grid topic is named.
        Assert.False(defender.GetProperty("malwareScanning").TryGetProperty("scanResultsEventGridTopicResourceId", out _));

        var role = Assert.Single(Resources("Microsoft.Authorization/roleDefinitions")).GetProperty("properties");
        var permission = Assert.Single(role.GetProperty("permissions").EnumerateArray());
        Assert.Equal(["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/tags/read"], permission.GetProperty("dataActions").EnumerateArray().Select(a => a.GetString()));
        Assert.Empty(permission.GetProperty("actions").EnumerateArray());
        var readers = Assert.Single(Resources("Microsoft.Authorization/roleAssignments"), a => a.GetProperty("properties").GetProperty("roleDefinitionId").GetString()!.Contains("roleDefinitions", StringComparison.Ordinal)
            && a.GetProperty("properties").GetProperty("roleDefinitionId").GetString()!.Contains("otrabotka-blob-tag-reader", StringComparison.Ordinal));
        Assert.Contains("blobServices/containers", Scope(readers), StringComparison.Ordinal);
        Assert.Equal(["intake", "documents"], Variables()["verdictContainers"].EnumerateArray().Select(c => c.GetString()));

        Assert.Contains("\"Malware__Source\": \"defender\"", Compiled.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void The_feeds_container_exists_and_has_its_own_event_subscription_like_intake()
    {
        var main = File.ReadAllText(Path.Combine(InfrastructureTests.RepositoryRoot, "infra", "main.bicep"));
        Assert.Matches(@"var containers = \[[^\]]*'feeds'", main);
        foreach (var container in Otrabotka.Functions.Storage.StorageNames.Containers)
        {
            Assert.Matches($@"var containers = \[[^\]]*'{container}'", main);
        }

        var postdeploy = File.ReadAllText(Path.Combine(InfrastructureTests.RepositoryRoot, "infra", "scripts", "postdeploy.sh"));
        Assert.Contains("subscribe intake-blob-created intake", postdeploy, StringComparison.Ordinal);
        Assert.Contains("subscribe feeds-blob-created feeds", postdeploy, StringComparison.Ordinal);
        Assert.Contains("--subject-begins-with \"/blobServices/default/containers/$2/\"", postdeploy, StringComparison.Ordinal);
    }
}
