using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Otrabotka.Domain;
using Otrabotka.Functions.Http.Contracts;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Http.OpenApi;

/// <summary>
/// JSON schemas of the C# types the functions read and write, made by System.Text.Json's schema exporter
/// with the app's own wire options (camelCase, kebab-case enums, dates as yyyy-MM-dd). Objects and enums
/// become components referenced by name. A member that may be null is never written (the wire omits
/// nulls), so it is optional; every other member is required.
/// </summary>
public sealed class SchemaRegistry
{
    public const string MetadataSchema = "DocumentMetadata";
    private const string NullableMark = "x-otrabotka-nullable";

    /// <summary>Metadata by document kind: the wire records of Http/Contracts (the domain claims as sent).</summary>
    public static readonly IReadOnlyDictionary<DocumentKind, Type> MetadataTypes = new Dictionary<DocumentKind, Type>
    {
        [DocumentKind.EmploymentConfirmation] = typeof(EmploymentMeta),
        [DocumentKind.EmploymentEnd] = typeof(EmploymentEndMeta),
        [DocumentKind.ExemptionProof] = typeof(ExemptionMeta),
        [DocumentKind.DeferralProof] = typeof(DeferralMeta),
        [DocumentKind.UnemploymentRegistration] = typeof(UnemploymentMeta),
    };

    private readonly JsonSerializerOptions options;
    private readonly Dictionary<Type, string> names = [];
    private readonly Queue<Type> pending = new();
    private readonly SortedDictionary<string, JsonNode> components = new(StringComparer.Ordinal);

    public SchemaRegistry()
    {
        options = new JsonSerializerOptions(Json.Options)
        {
            // Numbers are written as numbers; the web defaults' "read from string" would make every number a string-or-number.
            NumberHandling = JsonNumberHandling.Strict,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
        };
        options.MakeReadOnly(populateMissingResolver: true);
    }

    /// <summary>The schema to place under a media type or a parameter: a reference for named types, inline otherwise.</summary>
    public JsonNode For(Type type) => IsNamed(type) ? Reference(type) : Export(type);

    /// <summary>Each property of an object type with its schema and whether it is required.</summary>
    public IEnumerable<(string Name, JsonNode Schema, bool Required)> Properties(Type type)
    {
        var schema = Export(type, root: type);
        var required = (schema["required"] as JsonArray)?.Select(n => n!.GetValue<string>()).ToHashSet() ?? [];
        foreach (var (name, property) in schema["properties"]!.AsObject())
        {
            yield return (name, property!.DeepClone(), required.Contains(name));
        }
    }

    /// <summary>Every component referenced so far, with the ones they reference in turn.</summary>
    public JsonObject Components()
    {
        if (names.ContainsValue(MetadataSchema))
        {
            components[MetadataSchema] = MetadataUnion();
        }

        while (pending.TryDequeue(out var type))
        {
            components[names[type]] = Export(type, root: type);
        }

        var result = new JsonObject();
        foreach (var (name, schema) in components)
        {
            result[name] = schema.DeepClone();
        }

        return result;
    }

    public static string NameOf(Type type) =>
        type.IsGenericType
            ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] + string.Concat(type.GetGenericArguments().Select(NameOf))
            : type.Name;

    private JsonObject Reference(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (!names.ContainsKey(type))
        {
            names[type] = NameOf(type);
            pending.Enqueue(type);
        }

        return new JsonObject { ["$ref"] = "#/components/schemas/" + names[type] };
    }

    private JsonObject MetadataReference()
    {
        names.TryAdd(typeof(MetadataUnionMarker), MetadataSchema);
        return new JsonObject { ["$ref"] = "#/components/schemas/" + MetadataSchema };
    }

    private JsonObject MetadataUnion() => new()
    {
        ["type"] = "object",
        ["description"] = "The document's metadata; its shape depends on the document's kind: " +
            string.Join("; ", MetadataTypes.Select(m => $"{Wire.Name(m.Key)} → {m.Value.Name}")) + ".",
        ["anyOf"] = new JsonArray(MetadataTypes.Values.Select(t => (JsonNode)Reference(t)).ToArray()),
    };

    private bool IsNamed(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsEnum || (options.GetTypeInfo(type).Kind == JsonTypeInfoKind.Object && type != typeof(JsonElement) && type != typeof(object));
    }

    private JsonObject Export(Type type, Type? root = null)
    {
        var exporter = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, node) => Transform(context, node, root),
        };
        // Any JSON value (JsonElement) comes back as the schema `true`; OpenAPI tools want an object.
        var schema = options.GetJsonSchemaAsNode(type, exporter) as JsonObject ?? [];
        schema.Remove(NullableMark);
        return schema;
    }

    private JsonNode Transform(JsonSchemaExporterContext context, JsonNode node, Type? root)
    {
        var type = context.TypeInfo.Type;
        var nullable = StripNull(node);
        JsonNode result = node;
        if (type == typeof(JsonElement) && context.PropertyInfo?.Name == "metadata")
        {
            result = MetadataReference();
        }
        else if (type == typeof(byte[]))
        {
            result = new JsonObject { ["type"] = "string", ["format"] = "binary" };
        }
        else if (context.Path.Length > 0 || (Nullable.GetUnderlyingType(type) ?? type) != root)
        {
            if (IsNamed(type))
            {
                result = Reference(type);
            }
        }

        if (result is JsonObject obj)
        {
            // The app writes exactly the type's members; a type with [JsonExtensionData] may carry more.
            if (ReferenceEquals(result, node) && obj.ContainsKey("properties") && !HasExtensionData(context.TypeInfo))
            {
                obj["additionalProperties"] = false;
            }

            // Optional constructor parameters say "default": null; the wire omits them instead.
            if (obj["default"] is null && obj.ContainsKey("default"))
            {
                obj.Remove("default");
            }

            if (obj.ContainsKey("enum") && !obj.ContainsKey("type"))
            {
                obj.Insert(0, "type", "string");
            }

            if (nullable)
            {
                obj[NullableMark] = true;
            }

            FixRequired(obj);
        }

        return result;
    }

    private static bool HasExtensionData(JsonTypeInfo info) => info.Properties.Any(p => p.IsExtensionData);

    /// <summary>Removes "null" from the schema's types and values; true when it had been allowed.</summary>
    private static bool StripNull(JsonNode node)
    {
        if (node is not JsonObject obj)
        {
            return false;
        }

        var found = false;
        if (obj["type"] is JsonArray types && types.Any(t => t?.GetValue<string>() == "null"))
        {
            found = true;
            var rest = types.Select(t => t!.GetValue<string>()).Where(t => t != "null").ToList();
            obj["type"] = rest.Count == 1 ? rest[0] : new JsonArray(rest.Select(t => (JsonNode)t).ToArray());
        }

        if (obj["enum"] is JsonArray values && values.Any(v => v is null))
        {
            found = true;
            obj["enum"] = new JsonArray(values.Where(v => v is not null).Select(v => v!.DeepClone()).ToArray());
        }

        return found;
    }

    private static void FixRequired(JsonObject obj)
    {
        if (obj["properties"] is not JsonObject properties)
        {
            return;
        }

        var optional = properties.Where(p => p.Value is JsonObject o && o.Remove(NullableMark)).Select(p => p.Key).ToHashSet();
        if (obj["required"] is JsonArray required)
        {
            var kept = required.Select(r => r!.GetValue<string>()).Where(r => !optional.Contains(r)).ToList();
            obj.Remove("required");
            if (kept.Count > 0)
            {
                obj["required"] = new JsonArray(kept.Select(r => (JsonNode)r).ToArray());
            }
        }
    }

    private sealed class MetadataUnionMarker;
}
