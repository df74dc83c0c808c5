namespace Otrabotka.Functions.Http.Contracts;

/// <summary>POST /api/graduates/{graduateId}/default: the date the amount owed is fixed at, and the operator's note.</summary>
public sealed record DefaultDeclaration(DateOnly AsOf, string Note);
