namespace Otrabotka.Functions.UseCases;

public sealed record ImportResult(int Created, int Unchanged, IReadOnlyList<ImportError> Errors);
