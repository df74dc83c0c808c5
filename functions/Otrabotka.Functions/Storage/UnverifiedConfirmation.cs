namespace Otrabotka.Functions.Storage;

/// <summary>A confirmation whose employer address was not yet verified for the BIN, waiting for an operator.</summary>
public sealed record UnverifiedConfirmation(string DocumentId, string GraduateId, string EmployerBin, string Domain, DateTimeOffset ConfirmedAt);
