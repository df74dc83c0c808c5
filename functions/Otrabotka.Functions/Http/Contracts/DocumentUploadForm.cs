using System.Text.Json;
using Otrabotka.Domain;

namespace Otrabotka.Functions.Http.Contracts;

/// <summary>The multipart/form-data parts of an upload: kind, metadata (a JSON object, by kind) and the file (PDF, JPEG or PNG, at most 20 MB).</summary>
public sealed record DocumentUploadForm(DocumentKind Kind, JsonElement Metadata, byte[] File);
