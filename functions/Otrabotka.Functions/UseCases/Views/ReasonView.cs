namespace Otrabotka.Functions.UseCases;

public sealed record ReasonView(string Code, string Message);
