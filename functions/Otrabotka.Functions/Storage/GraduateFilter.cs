using Otrabotka.Domain;

namespace Otrabotka.Functions.Storage;

/// <summary>What an operator narrows a search of profiles by.</summary>
public sealed record GraduateFilter(ObligationStatus? Status, Category? Category, Region? Region);
