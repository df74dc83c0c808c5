using Otrabotka.Domain;

namespace Otrabotka.Functions.UseCases;

public sealed record SubmittedView(string Id, DocumentStatus Status, string StatusUrl);
