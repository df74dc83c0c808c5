using System.Text.Json;
using Otrabotka.Domain;

namespace Otrabotka.Functions.Http.Contracts;

/// <summary>POST /api/me/documents/uploads: the document's kind and metadata; the file goes straight to storage by the link answered.</summary>
public sealed record UploadRequest(DocumentKind Kind, JsonElement Metadata);
