using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Otrabotka.Domain;
using Otrabotka.Functions.Http.Contracts;

namespace Otrabotka.Functions.Http.OpenApi;

/// <summary>
/// The OpenAPI 3.1 document, built from the HTTP functions' triggers and the contract attributes beside
/// them; schemas from the C# types (<see cref="SchemaRegistry"/>). Served at /api/openapi.json and
/// written at build time for the generated clients.
/// </summary>
public static class OpenApiDocumentBuilder
{
    public const string Version = "1.0.0";

    /// <summary>The server named in the document written at build time (generated clients, web/src/api).</summary>
    public const string LocalServerUrl = "http://127.0.0.1:7071";

    public const string LocalServerDescription = "The local host (bash scripts/run.sh)";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Build(string serverUrl, string serverDescription) =>
        BuildNode(serverUrl, serverDescription).ToJsonString(Indented);

    public static JsonObject BuildNode(string serverUrl, string serverDescription)
    {
        var schemas = new SchemaRegistry();
        var paths = new JsonObject();
        foreach (var operation in ApiOperation.All.OrderBy(o => o.Route, StringComparer.Ordinal))
        {
            var path = "/" + operation.Route;
            var item = paths[path] as JsonObject ?? [];
            paths[path] = item;
            foreach (var method in operation.Methods)
            {
                item[method] = Operation(operation, schemas);
            }
        }

        schemas.For(typeof(ProblemBody));
        return new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = Info(),
            ["servers"] = new JsonArray(new JsonObject { ["url"] = serverUrl.TrimEnd('/'), ["description"] = serverDescription }),
            ["tags"] = Tags(),
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["securitySchemes"] = new JsonObject
                {
                    ["bearer"] = new JsonObject
                    {
                        ["type"] = "http",
                        ["scheme"] = "bearer",
                        ["bearerFormat"] = "JWT",
                        ["description"] = "A JWT from the identity provider. A graduate's token carries the role `graduate` and the IIN as subject; an operator's the role `operator`.",
                    },
                },
                ["parameters"] = new JsonObject { ["AcceptLanguage"] = AcceptLanguage() },
                ["schemas"] = schemas.Components(),
            },
        };
    }

    private static JsonObject Info() => new()
    {
        ["title"] = "Otrabotka API",
        ["version"] = Version,
        ["summary"] = "Work-off monitoring for state-grant graduates (JSC Financial Center).",
        ["description"] = "Graduates who studied on a state grant in Kazakhstan must work where the state needs them for a set time. " +
            "Graduates upload employment confirmations and exemption proofs, employers confirm hires by a signed link, operators review. " +
            "Errors are RFC 9457 problem details with a stable `code`, in the caller's language (Accept-Language kk, ru or en). " +
            "Enumerations travel as kebab-case strings, dates as `yyyy-MM-dd`, money as a JSON number of tenge.",
        ["contact"] = new JsonObject { ["name"] = "JSC Financial Center", ["email"] = "fincenter@fincenter.kz" },
        ["license"] = new JsonObject { ["name"] = "Proprietary", ["identifier"] = "LicenseRef-Proprietary" },
    };

    private static JsonArray Tags() => new(
        Tag(ApiAudience.Graduate, "A graduate's own data and documents under /api/me; the IIN comes from the token."),
        Tag(ApiAudience.Employer, "Employers confirm or decline a hire by the signed link e-mailed to them; no account."),
        Tag(ApiAudience.Operator, "Operators of the Financial Center: graduates, review, exemptions, default, e-mail failures, reminders."),
        Tag(ApiAudience.Public, "Pages and documents anyone may read."),
        Tag(ApiAudience.Health, "Storage reachability for monitoring."));

    private static JsonObject Tag(ApiAudience audience, string description) => new() { ["name"] = TagOf(audience), ["description"] = description };

    private static string TagOf(ApiAudience audience) => audience.ToString().ToLowerInvariant();

    private static JsonObject AcceptLanguage() => new()
    {
        ["name"] = "Accept-Language",
        ["in"] = "header",
        ["required"] = false,
        ["description"] = "The language of problem texts and names in the answer: kk (default), ru or en.",
        ["schema"] = new JsonObject { ["type"] = "string" },
        ["example"] = "kk",
    };

    private static JsonObject Operation(ApiOperation operation, SchemaRegistry schemas)
    {
        var declared = operation.Operation ?? throw new InvalidOperationException($"HTTP function {operation.Name} has no [ApiOperation].");
        var result = new JsonObject
        {
            ["operationId"] = operation.Name,
            ["tags"] = new JsonArray(TagOf(declared.Audience)),
            ["summary"] = declared.Summary,
            ["description"] = declared.Description + AccessNote(declared.Access),
            ["security"] = declared.Access == ApiAccess.Anonymous ? new JsonArray() : new JsonArray(new JsonObject { ["bearer"] = new JsonArray() }),
            ["parameters"] = Parameters(operation, schemas),
        };
        if (operation.Request is { } request)
        {
            result["requestBody"] = RequestBody(request, schemas);
        }

        result["responses"] = Responses(operation, schemas);
        return result;
    }

    private static string AccessNote(ApiAccess access) => access switch
    {
        ApiAccess.Graduate => " Requires a graduate's bearer token; the IIN in its subject must be on the graduates' list.",
        ApiAccess.Operator => " Requires an operator's bearer token.",
        ApiAccess.Supervisor => " Requires a supervisor's bearer token (an operator's is refused).",
        _ => " Anonymous.",
    };

    private static JsonArray Parameters(ApiOperation operation, SchemaRegistry schemas)
    {
        var parameters = new JsonArray();
        foreach (var segment in operation.Route.Split('/').Where(s => s.StartsWith('{')))
        {
            var name = segment.Trim('{', '}');
            parameters.Add(new JsonObject
            {
                ["name"] = name,
                ["in"] = "path",
                ["required"] = true,
                ["description"] = name == "graduateId" ? "The graduate's opaque id (never the IIN)." : "The record's opaque id.",
                ["schema"] = new JsonObject { ["type"] = "string" },
            });
        }

        if (operation.Query is { } query)
        {
            foreach (var (name, schema, required) in schemas.Properties(query.Type))
            {
                parameters.Add(new JsonObject { ["name"] = name, ["in"] = "query", ["required"] = required, ["schema"] = schema });
            }
        }

        foreach (var header in operation.Headers)
        {
            parameters.Add(new JsonObject { ["name"] = header.Name, ["in"] = "header", ["required"] = false, ["description"] = header.Description, ["schema"] = new JsonObject { ["type"] = "string" } });
        }

        parameters.Add(new JsonObject { ["$ref"] = "#/components/parameters/AcceptLanguage" });
        return parameters;
    }

    private static JsonObject RequestBody(ApiRequestAttribute request, SchemaRegistry schemas)
    {
        var media = new JsonObject { ["schema"] = request.ContentType == MediaTypes.Csv ? CsvSchema() : schemas.For(request.Type) };
        if (request.ContentType == MediaTypes.Multipart)
        {
            media["encoding"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["contentType"] = MediaTypes.Json },
                ["file"] = new JsonObject { ["contentType"] = "application/pdf, image/jpeg, image/png" },
            };
        }

        AddExample(media, request.Example, request.ContentType);
        return new JsonObject { ["required"] = request.Required, ["content"] = new JsonObject { [request.ContentType] = media } };
    }

    private static JsonObject CsvSchema() => new()
    {
        ["type"] = "string",
        ["description"] = "UTF-8 CSV with a header row naming the fields of GraduateRegistration (iin, fullName, email, language, category, level, specialtyGroup, graduationDate, admissionYear, budgetCost, university, grantMonths, normativeMonths).",
    };

    private static JsonObject Responses(ApiOperation operation, SchemaRegistry schemas)
    {
        var responses = new JsonObject();
        foreach (var response in operation.Responses)
        {
            var status = response.Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (responses[status] is JsonObject same && same["content"] is JsonObject contents && response.Type is { } other)
            {
                var schema = Schema(other, response.ContentType, schemas);
                if (contents[response.ContentType] is JsonObject media && media["schema"] is JsonNode first)
                {
                    // One status, one media type, more than one shape (chosen by a query parameter): any of them.
                    media["schema"] = first["anyOf"] is JsonArray shapes ? AddShape(shapes, schema) : new JsonObject { ["anyOf"] = new JsonArray(first.DeepClone(), schema) };
                    media.Remove("example");
                    continue;
                }

                // One status in more than one media type (e.g. a script or a style sheet).
                same["description"] = DescriptionOf(response.Status);
                contents[response.ContentType] = new JsonObject { ["schema"] = schema };
                continue;
            }

            var entry = new JsonObject { ["description"] = response.Description ?? DescriptionOf(response.Status) };
            if (response.Location)
            {
                entry["headers"] = new JsonObject
                {
                    ["Location"] = new JsonObject { ["description"] = "Where the created or accepted resource can be read.", ["schema"] = new JsonObject { ["type"] = "string" } },
                };
            }

            if (response.Type is { } type)
            {
                var media = new JsonObject { ["schema"] = Schema(type, response.ContentType, schemas) };
                AddExample(media, response.Example, response.ContentType);
                entry["content"] = new JsonObject { [response.ContentType] = media };
            }

            responses[status] = entry;
        }

        foreach (var status in operation.ProblemStatuses)
        {
            responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new JsonObject
            {
                ["description"] = DescriptionOf(status) + " (problem details)",
                ["content"] = new JsonObject { [MediaTypes.Problem] = new JsonObject { ["schema"] = schemas.For(typeof(ProblemBody)) } },
            };
        }

        return responses;
    }

    private static JsonObject AddShape(JsonArray shapes, JsonNode shape)
    {
        shapes.Add(shape);
        return new JsonObject { ["anyOf"] = shapes.DeepClone() };
    }

    private static JsonNode Schema(Type type, string contentType, SchemaRegistry schemas) =>
        type == typeof(string) || contentType != MediaTypes.Json ? new JsonObject { ["type"] = "string" } : schemas.For(type);

    private static void AddExample(JsonObject media, string? example, string contentType)
    {
        if (example is not null)
        {
            media["example"] = contentType is MediaTypes.Json or MediaTypes.Multipart ? JsonNode.Parse(example) : example;
        }
    }

    private static string DescriptionOf(int status) => status switch
    {
        200 => "OK",
        201 => "Created",
        202 => "Accepted: the work goes on in the background",
        204 => "No content",
        400 => "Bad request: malformed body or invalid fields",
        401 => "No valid bearer token",
        403 => "The token's role does not allow this",
        404 => "Not found",
        409 => "Conflict with the record's current state",
        410 => "Gone: the link expired or was replaced",
        413 => "Payload too large",
        415 => "Unsupported media type",
        422 => "Unprocessable: the data breaks the rules",
        429 => "Too many requests",
        503 => "A storage service is unreachable",
        _ => "Answer",
    };
}
