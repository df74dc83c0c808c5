using NSwag;
using NSwag.CodeGeneration.CSharp;
using Otrabotka.Functions.Http.OpenApi;

// Usage: Otrabotka.ApiContract <openapi.json> [<client.cs> <namespace>]
if (args.Length is not (1 or 3))
{
    Console.Error.WriteLine("usage: Otrabotka.ApiContract <openapi.json> [<client.cs> <namespace>]");
    return 2;
}

var json = OpenApiDocumentBuilder.Build(OpenApiDocumentBuilder.LocalServerUrl, OpenApiDocumentBuilder.LocalServerDescription);
await WriteIfChangedAsync(args[0], json);
if (args.Length == 3)
{
    var document = await OpenApiDocument.FromJsonAsync(json);
    var settings = new CSharpClientGeneratorSettings
    {
        ClassName = "OtrabotkaClient",
        UseBaseUrl = false,
        GenerateClientInterfaces = false,
        OperationNameGenerator = new NSwag.CodeGeneration.OperationNameGenerators.SingleClientFromOperationIdOperationNameGenerator(),
        CSharpGeneratorSettings =
        {
            Namespace = args[2],
            // Newtonsoft.Json honours the enums' [EnumMember] wire names; System.Text.Json's enum converter does not.
            JsonLibrary = NJsonSchema.CodeGeneration.CSharp.CSharpJsonLibrary.NewtonsoftJson,
            GenerateNullableReferenceTypes = true,
            GenerateOptionalPropertiesAsNullable = true,
            DateTimeType = "System.DateTimeOffset",
            ArrayType = "System.Collections.Generic.List",
            ArrayBaseType = "System.Collections.Generic.List",
            ArrayInstanceType = "System.Collections.Generic.List",
            GenerateDataAnnotations = false,
        },
    };
    await WriteIfChangedAsync(args[1], new CSharpClientGenerator(document, settings).GenerateFile());
}

return 0;

static async Task WriteIfChangedAsync(string path, string text)
{
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    if (!File.Exists(path) || await File.ReadAllTextAsync(path) != text)
    {
        await File.WriteAllTextAsync(path, text);
    }
}
