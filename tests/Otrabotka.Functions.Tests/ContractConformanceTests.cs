using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using Otrabotka.Functions.Http.OpenApi;

namespace Otrabotka.Functions.Tests;

/// <summary>
/// What the OpenAPI document declares against what the local host really answered in this run's
/// end-to-end tests (every exchange of every test client): each status must be declared for its
/// operation, each body must validate against the declared schema, and every operation must have
/// been exercised. In a collection of its own, it waits until both hosts' collections are over (their
/// fixtures disposed), so it sees the whole run.
/// </summary>
[Collection("contract check")]
public sealed class ContractConformanceTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public void The_check_refuses_an_undeclared_status_a_wrong_media_type_and_a_body_that_breaks_its_schema()
    {
        var contract = new Contract(OpenApiDocumentBuilder.BuildNode(OpenApiDocumentBuilder.LocalServerUrl, OpenApiDocumentBuilder.LocalServerDescription));
        var getMe = contract.Find("GET", "/api/me")!;
        Assert.Equal("GetMe", getMe.Id);
        Assert.Equal("SearchGraduates", contract.Find("POST", "/api/graduates/search")!.Id);
        var problem = """{"type":"urn:otrabotka:problem:unauthorized","title":"Unauthorized","status":401,"detail":"A bearer token is required.","code":"unauthorized"}""";
        Assert.Null(contract.Check(getMe, new RecordedExchange("GET", "/api/me", 401, "application/problem+json", problem, null, null)));
        Assert.NotNull(contract.Check(getMe, new RecordedExchange("GET", "/api/me", 409, "application/problem+json", problem, null, null)));
        Assert.NotNull(contract.Check(getMe, new RecordedExchange("GET", "/api/me", 401, "application/json", problem, null, null)));
        Assert.NotNull(contract.Check(getMe, new RecordedExchange("GET", "/api/me", 401, "application/problem+json", problem.Replace("\"status\":401", "\"status\":\"401\"", StringComparison.Ordinal), null, null)));
        Assert.NotNull(contract.Check(getMe, new RecordedExchange("GET", "/api/me", 200, "application/json", """{"graduateId":"g1","category":"rural_quota"}""", null, null)));
    }

    [Fact]
    public async Task Every_operation_was_exercised_and_answered_only_what_the_document_declares()
    {
        Assert.True(await LocalHostFixture.Eventually(() => Task.FromResult(LocalHostFixture.SharedFinished && IsolatedHostFixture.Finished), TimeSpan.FromMinutes(20)),
            "the local hosts' tests did not finish; the contract check needs the whole run");
        var document = OpenApiDocumentBuilder.BuildNode(OpenApiDocumentBuilder.LocalServerUrl, OpenApiDocumentBuilder.LocalServerDescription);
        var contract = new Contract(document);

        var violations = new List<string>();
        var seen = new Dictionary<string, SortedSet<int>>(StringComparer.Ordinal);
        foreach (var exchange in ContractRecorder.Exchanges.ToArray())
        {
            if (contract.Find(exchange.Method, exchange.Path) is not { } operation)
            {
                continue;
            }

            var statuses = seen.TryGetValue(operation.Id, out var set) ? set : seen[operation.Id] = [];
            statuses.Add(exchange.Status);
            if (contract.Check(operation, exchange) is { } violation)
            {
                violations.Add(violation);
            }
        }

        output.WriteLine($"{ContractRecorder.Exchanges.Count} exchanges; statuses seen per operation:\n{string.Join("\n", seen.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}: {string.Join(", ", s.Value)}"))}");
        var missing = contract.Operations.Select(o => o.Id).Where(id => !seen.ContainsKey(id)).ToList();
        var summary = string.Join("\n", seen.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}: {string.Join(", ", s.Value)}"));
        Assert.True(violations.Count == 0, $"{violations.Count} answers break the contract:\n{string.Join("\n", violations.Distinct().Take(40))}");
        Assert.True(missing.Count == 0, $"operations no test exercised: {string.Join(", ", missing)}\nexercised:\n{summary}");
    }

    private sealed record Operation(string Id, string Method, Regex Path, int Parameters, JsonObject Responses);

    /// <summary>The document's operations and schemas, ready to check exchanges against.</summary>
    private sealed class Contract
    {
        private static readonly EvaluationOptions Evaluation = new() { RequireFormatValidation = true, OutputFormat = OutputFormat.List };
        private readonly JsonObject definitions;
        private readonly Dictionary<string, JsonSchema> schemas = [];
        private readonly BuildOptions build = new() { SchemaRegistry = new Json.Schema.SchemaRegistry() };

        public Contract(JsonObject document)
        {
            definitions = JsonNode.Parse(document["components"]!["schemas"]!.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal))!.AsObject();
            Operations = (from path in document["paths"]!.AsObject()
                          from method in path.Value!.AsObject()
                          select new Operation(
                              method.Value!["operationId"]!.GetValue<string>(),
                              method.Key.ToUpperInvariant(),
                              new Regex("^" + Regex.Replace(path.Key, @"\{[^}]+\}", "[^/]+") + "$"),
                              path.Key.Count(c => c == '{'),
                              method.Value["responses"]!.AsObject())).ToList();
        }

        public IReadOnlyList<Operation> Operations { get; }

        /// <summary>The operation an exchange went to; a literal segment wins over a parameter.</summary>
        public Operation? Find(string method, string path) =>
            Operations.Where(o => o.Method == method && o.Path.IsMatch(path)).OrderBy(o => o.Parameters).FirstOrDefault();

        public string? Check(Operation operation, RecordedExchange exchange)
        {
            var where = $"{exchange.Method} {exchange.Path} → {exchange.Status}";
            if (operation.Responses[exchange.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)] is not JsonObject declared)
            {
                return $"{operation.Id}: status {exchange.Status} is not declared ({where}: {Clip(exchange.Body)})";
            }

            if (declared["content"] is not JsonObject content)
            {
                return exchange.Body.Length == 0 ? null : $"{operation.Id}: a body where none is declared ({where})";
            }

            if (exchange.ContentType is null || content[exchange.ContentType] is not JsonObject media)
            {
                return $"{operation.Id}: media type {exchange.ContentType} is not declared ({where})";
            }

            if (!exchange.ContentType.EndsWith("json", StringComparison.Ordinal))
            {
                return null;
            }

            var result = SchemaFor(media["schema"]!).Evaluate(JsonDocument.Parse(exchange.Body).RootElement, Evaluation);
            return result.IsValid ? null : $"{operation.Id}: the body breaks its schema ({where}): {Errors(result)} in {Clip(exchange.Body)}";
        }

        private JsonSchema SchemaFor(JsonNode schema)
        {
            var text = schema.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
            if (!schemas.TryGetValue(text, out var built))
            {
                var root = JsonNode.Parse(text)!.AsObject();
                root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
                root["$defs"] = definitions.DeepClone();
                built = JsonSchema.FromText(root.ToJsonString(), build, new Uri($"https://otrabotka.test/contract/{schemas.Count}"));
                schemas[text] = built;
            }

            return built;
        }

        private static string Errors(EvaluationResults result) =>
            string.Join("; ", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Take(5));

        private static string Clip(string body) => body.Length > 300 ? body[..300] + "…" : body;
    }
}
