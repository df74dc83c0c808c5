using Otrabotka.Domain;

namespace Otrabotka.Functions.UseCases;

public sealed record ConfirmationResult(DocumentStatus Status, string StatusName);
