using System.Text.Json;
using Otrabotka.Domain;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.UseCases;

/// <summary>The metadata part of a document upload: a JSON object, then the kind's fields.</summary>
public static class DocumentMetadata
{
    public static (IDocumentClaim? Claim, IReadOnlyList<FieldError> Errors) ParseMetadata(DocumentKind kind, string? metadata)
    {
        if (string.IsNullOrWhiteSpace(metadata))
        {
            return (null, [new FieldError("metadata", "required", TextCatalog.Default.Text("problems.field.required-json", ("field", "'metadata'")))]);
        }

        try
        {
            using var json = Fields.ParseStrict(metadata);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new JsonException();
            }

            return ClaimFields.Parse(kind, Fields.FromJson(json.RootElement));
        }
        catch (JsonException)
        {
            return (null, [new FieldError("metadata", "invalid-json", TextCatalog.Default.Text("problems.field.not-json-object", ("field", "'metadata'")))]);
        }
    }
}
