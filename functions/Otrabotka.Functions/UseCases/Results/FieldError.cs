using Otrabotka.Domain;

namespace Otrabotka.Functions.UseCases;

/// <summary>A field that failed validation.</summary>
public sealed record FieldError(string Field, string Code, Text Detail);
