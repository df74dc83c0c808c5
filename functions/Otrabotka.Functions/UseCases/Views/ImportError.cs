namespace Otrabotka.Functions.UseCases;

public sealed record ImportError(int Line, string Code, string Detail);
