namespace Otrabotka.Functions.UseCases;

public sealed record RegistrationResult(string GraduateId, bool Created);
