using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Otrabotka.ApiClient;

/// <summary>
/// The metadata part of a multipart upload is a JSON object whose shape depends on the kind (a oneOf in
/// the document). NSwag writes a multipart part with ToString(), so the union writes itself as JSON.
/// </summary>
public partial class DocumentMetadata
{
    /// <summary>The union holding one kind's metadata (e.g. an <see cref="EmploymentMeta"/>), as the document's oneOf allows.</summary>
    public static DocumentMetadata Of(object metadata)
    {
        var union = new DocumentMetadata();
        foreach (var property in JObject.FromObject(metadata).Properties())
        {
            union.AdditionalProperties[property.Name] = property.Value;
        }

        return union;
    }

    public override string ToString() => JsonConvert.SerializeObject(AdditionalProperties, Formatting.None, new JsonSerializerSettings { Culture = CultureInfo.InvariantCulture });
}
