using Otrabotka.Domain;

namespace Otrabotka.Functions.Storage;

/// <summary>What an operator narrows the review queue by.</summary>
public sealed record ReviewFilter(DocumentKind? Kind, Category? Category, Region? Region, int? WaitingDays);
