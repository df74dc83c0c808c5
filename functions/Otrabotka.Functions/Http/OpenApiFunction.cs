using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Otrabotka.Functions.Http;

/// <summary>
/// GET /api/openapi.json, built from the app's own HTTP functions (their trigger attributes), so it lists
/// exactly the routes that exist. Microsoft.AspNetCore.OpenApi does not see isolated functions.
/// </summary>
public sealed class OpenApiFunction
{
    private static readonly HashSet<string> Anonymous = ["Health", "OpenApi", "ConfirmPage", "ViewConfirmation", "DecideConfirmation", "GetEnumerations", "CheckWorkplace"];
    private static readonly Lazy<string> Document = new(Build);

    [Function("OpenApi")]
    public IActionResult Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/openapi.json")] HttpRequest request) =>
        new ContentResult { StatusCode = 200, ContentType = "application/json; charset=utf-8", Content = Document.Value };

    public static IEnumerable<(string Name, string Route, string[] Methods)> Routes() =>
        from type in typeof(OpenApiFunction).Assembly.GetTypes()
        from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
        let function = method.GetCustomAttribute<FunctionAttribute>()
        let trigger = method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(t => t is not null)
        where function is not null && trigger is not null && type != typeof(PageFunctions)
        select (function.Name, trigger.Route ?? function.Name, (trigger.Methods ?? ["get", "post"]).Select(m => m.ToLowerInvariant()).ToArray());

    /// <summary>The metadata of an employment-confirmation upload (the multipart field "metadata", a JSON object).</summary>
    private static JsonObject EmploymentMetadataSchema()
    {
        static JsonObject Text() => new() { ["type"] = "string" };
        static JsonObject Kinds() => new() { ["type"] = "string", ["enum"] = new JsonArray([.. Domain.Wire.All<Domain.OrganisationKind>().Select(k => JsonValue.Create(k))]) };
        return new JsonObject
        {
            ["type"] = "object",
            ["required"] = new JsonArray("employerBin", "employerName", "employerEmail", "ownership", "region", "settlementType", "position", "startDate"),
            ["description"] = "Give organisationKind, organisationKinds, or both (then the list contains the single value; with only the list, organisationKind is its first). The work counts if any kind qualifies.",
            ["properties"] = new JsonObject
            {
                ["employerBin"] = Text(),
                ["employerName"] = Text(),
                ["employerEmail"] = Text(),
                ["organisationKind"] = Kinds(),
                ["organisationKinds"] = new JsonObject { ["type"] = "array", ["minItems"] = 1, ["items"] = Kinds() },
                ["ownership"] = Text(),
                ["region"] = Text(),
                ["settlementType"] = Text(),
                ["katoCode"] = Text(),
                ["position"] = Text(),
                ["startDate"] = new JsonObject { ["type"] = "string", ["format"] = "date" },
                ["endDate"] = new JsonObject { ["type"] = "string", ["format"] = "date" },
            },
        };
    }

    private static string Build()
    {
        var paths = new JsonObject();
        foreach (var (name, route, methods) in Routes().OrderBy(r => r.Route, StringComparer.Ordinal))
        {
            var path = "/" + route;
            var item = paths[path] as JsonObject ?? new JsonObject();
            paths[path] = item;
            foreach (var method in methods)
            {
                var parameters = new JsonArray();
                foreach (var segment in route.Split('/').Where(s => s.StartsWith('{')))
                {
                    parameters.Add(new JsonObject { ["name"] = segment.Trim('{', '}'), ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } });
                }

                var responses = new JsonObject
                {
                    ["200"] = new JsonObject { ["description"] = "OK" },
                    ["default"] = new JsonObject { ["description"] = "Problem details (RFC 9457)", ["content"] = new JsonObject { ["application/problem+json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = "#/components/schemas/Problem" } } } },
                };
                var operation = new JsonObject { ["operationId"] = name, ["parameters"] = parameters, ["responses"] = responses };
                if (!Anonymous.Contains(name))
                {
                    operation["security"] = new JsonArray(new JsonObject { ["bearer"] = new JsonArray() });
                }

                item[method] = operation;
            }
        }

        var document = new JsonObject
        {
            ["openapi"] = "3.0.3",
            ["info"] = new JsonObject { ["title"] = "Otrabotka API", ["version"] = "1.0", ["description"] = "Work-off monitoring for state-grant graduates (JSC Financial Center)." },
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["securitySchemes"] = new JsonObject { ["bearer"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer", ["bearerFormat"] = "JWT" } },
                ["schemas"] = new JsonObject
                {
                    ["EmploymentConfirmationMetadata"] = EmploymentMetadataSchema(),
                    ["Problem"] = new JsonObject
                    {
                        ["type"] = "object",
                        ["properties"] = new JsonObject
                        {
                            ["type"] = new JsonObject { ["type"] = "string" },
                            ["title"] = new JsonObject { ["type"] = "string" },
                            ["status"] = new JsonObject { ["type"] = "integer" },
                            ["detail"] = new JsonObject { ["type"] = "string" },
                            ["code"] = new JsonObject { ["type"] = "string" },
                            ["errors"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "object" } },
                        },
                    },
                },
            },
        };
        return document.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }
}
